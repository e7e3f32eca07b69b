package io.wanstudio.studio;

import io.wanstudio.provider.MediaRole;
import java.util.List;

/** The input combinations Wan 2.7 accepts, as the create wizard offers them; each lists its media in order. */
public enum CreateMode {
    FIRST_FRAME("Animate an image", "A still image becomes the first frame; the model adds motion and sound.",
            MediaRole.FIRST_FRAME),
    FIRST_FRAME_AUDIO("Image + driving audio", "Motion and lip sync follow your speech or music track.",
            MediaRole.FIRST_FRAME, MediaRole.DRIVING_AUDIO),
    FIRST_LAST("First and last frame", "The video travels from one image to the other.",
            MediaRole.FIRST_FRAME, MediaRole.LAST_FRAME),
    FIRST_LAST_AUDIO("First and last frame + audio", "From one image to the other, following your audio.",
            MediaRole.FIRST_FRAME, MediaRole.LAST_FRAME, MediaRole.DRIVING_AUDIO),
    CONTINUE_CLIP("Continue a clip", "The model extends a video clip of 2–10 s.", MediaRole.FIRST_CLIP),
    CONTINUE_CLIP_TO_FRAME("Continue a clip to a last frame", "The clip goes on and ends on your image.",
            MediaRole.FIRST_CLIP, MediaRole.LAST_FRAME);

    private final String title;
    private final String description;
    private final List<MediaRole> media;

    CreateMode(String title, String description, MediaRole... media) {
        this.title = title;
        this.description = description;
        this.media = List.of(media);
    }

    /** The mode whose media are exactly the given ones, if the model accepts that combination. */
    static CreateMode of(boolean firstFrame, boolean lastFrame, boolean firstClip, boolean drivingAudio) {
        for (CreateMode mode : values()) {
            if (mode.uses(MediaRole.FIRST_FRAME) == firstFrame && mode.uses(MediaRole.LAST_FRAME) == lastFrame
                    && mode.uses(MediaRole.FIRST_CLIP) == firstClip
                    && mode.uses(MediaRole.DRIVING_AUDIO) == drivingAudio) {
                return mode;
            }
        }
        return FIRST_FRAME;
    }

    public boolean uses(MediaRole role) {
        return media.contains(role);
    }

    public List<MediaRole> getMedia() {
        return media;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    /** Used as the value of the mode's radio button. */
    public String getName() {
        return name();
    }
}
