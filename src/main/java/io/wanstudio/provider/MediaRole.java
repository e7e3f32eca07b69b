package io.wanstudio.provider;

/** The media fields of the Wan 2.7 i2v request, by their Novita field name. */
public enum MediaRole {
    FIRST_FRAME("image_url"), LAST_FRAME("last_frame_url"), FIRST_CLIP("first_clip_url"),
    DRIVING_AUDIO("driving_audio_url");

    private final String field;

    MediaRole(String field) {
        this.field = field;
    }

    /** Novita's JSON field name. */
    public String field() {
        return field;
    }
}
