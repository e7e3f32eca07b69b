package io.wanstudio.generation;

/** Where an input comes from: a URL the user gave, or a file they uploaded to us (its token). Never both. */
public record MediaSource(String url, String uploadToken) {

    public static MediaSource ofUpload(String token) {
        return new MediaSource(null, token);
    }

    /** The source a stored input reference ({@link TaskInputs}) names; null for none. */
    public static MediaSource ofReference(String reference) {
        if (isBlank(reference)) {
            return null;
        }
        return reference.startsWith(RequestValidator.UPLOAD_PREFIX)
                ? ofUpload(reference.substring(RequestValidator.UPLOAD_PREFIX.length()))
                : new MediaSource(reference, null);
    }

    /** An absent input: both parts blank. */
    public boolean isEmpty() {
        return isBlank(url) && isBlank(uploadToken);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
