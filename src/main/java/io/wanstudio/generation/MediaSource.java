package io.wanstudio.generation;

/** Where an input comes from: a URL the user gave, or a file they uploaded to us (its token). Never both. */
public record MediaSource(String url, String uploadToken) {

    public static MediaSource ofUpload(String token) {
        return new MediaSource(null, token);
    }

    /** An absent input: both parts blank. */
    public boolean isEmpty() {
        return isBlank(url) && isBlank(uploadToken);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
