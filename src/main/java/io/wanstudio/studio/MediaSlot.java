package io.wanstudio.studio;

import io.wanstudio.generation.GenerationRequest;
import io.wanstudio.generation.MediaSource;
import io.wanstudio.media.MediaFacts;
import io.wanstudio.media.MediaInfo;
import io.wanstudio.media.MediaKind;
import io.wanstudio.media.StoredUpload;
import io.wanstudio.media.UploadStore;
import io.wanstudio.provider.MediaRole;
import io.wanstudio.provider.NovitaInputRules;
import jakarta.servlet.http.Part;
import java.io.Serializable;

/**
 * One medium of the create wizard (first frame, last frame, first clip or driving audio): what the user typed or
 * chose, and once checked, the kept upload with the facts shown under its thumbnail.
 */
public class MediaSlot implements Serializable {
    private static final long serialVersionUID = 1L;

    private final MediaRole role;
    private transient Part file;
    private String url;
    private String token;
    private String fileName;
    private String facts;
    private MediaKind kind;
    private int width;
    private int height;
    private double durationSeconds;

    MediaSlot(MediaRole role) {
        this.role = role;
    }

    /** Holds a checked upload; returns the token it held before (to be discarded), or null. */
    String hold(StoredUpload upload) {
        String previous = token;
        MediaInfo info = upload.info();
        token = upload.getToken();
        fileName = upload.getFileName();
        facts = MediaFacts.describe(info);
        kind = info.kind();
        width = info.width();
        height = info.height();
        durationSeconds = info.durationSeconds();
        return previous;
    }

    /** Forgets the held upload; returns its token (to be discarded), or null. */
    String clear() {
        String previous = token;
        token = null;
        fileName = null;
        facts = null;
        kind = null;
        url = null;
        return previous;
    }

    MediaSource source() {
        return token == null ? null : MediaSource.ofUpload(token);
    }

    /** A URL typed in but not yet fetched. */
    boolean hasPendingUrl() {
        return url != null && !url.isBlank() && token == null;
    }

    public MediaRole getRole() {
        return role;
    }

    /** The field name as requests and messages use it, also the slot's component id. */
    public String getField() {
        return switch (role) {
            case FIRST_FRAME -> GenerationRequest.FIRST_FRAME;
            case LAST_FRAME -> GenerationRequest.LAST_FRAME;
            case FIRST_CLIP -> GenerationRequest.FIRST_CLIP;
            case DRIVING_AUDIO -> GenerationRequest.DRIVING_AUDIO;
        };
    }

    public String getTitle() {
        return switch (role) {
            case FIRST_FRAME -> "First frame";
            case LAST_FRAME -> "Last frame";
            case FIRST_CLIP -> "Clip to continue";
            case DRIVING_AUDIO -> "Driving audio";
        };
    }

    public String getRules() {
        return switch (role) {
            case FIRST_FRAME, LAST_FRAME -> "JPEG, PNG, BMP or WEBP · 240–8000 px a side · 1:8 to 8:1 · max 20 MB";
            case FIRST_CLIP -> "MP4 or MOV · 2–10 s · 240–4096 px a side · max 100 MB";
            case DRIVING_AUDIO -> "WAV or MP3 · 2–30 s · max 15 MB";
        };
    }

    public String getAccept() {
        return switch (role) {
            case FIRST_FRAME, LAST_FRAME -> "image/jpeg,image/png,image/bmp,image/webp";
            case FIRST_CLIP -> "video/mp4,video/quicktime,.mp4,.mov";
            case DRIVING_AUDIO -> "audio/wav,audio/x-wav,audio/mpeg,.wav,.mp3";
        };
    }

    public String getUrlPlaceholder() {
        return switch (role) {
            case FIRST_FRAME, LAST_FRAME -> "https://example.com/frame.jpg";
            case FIRST_CLIP -> "https://example.com/clip.mp4";
            case DRIVING_AUDIO -> "https://example.com/voice.mp3";
        };
    }

    /** The most bytes the field takes: the page refuses a bigger file before sending it (the server does too). */
    public long getMaxBytes() {
        return NovitaInputRules.maxBytes(role);
    }

    /** The message for a file over {@link #getMaxBytes()}, the same words as the server's. */
    public String getTooLargeMessage() {
        return UploadStore.tooLargeMessage(getMaxBytes());
    }

    public boolean isFilled() {
        return token != null;
    }

    public boolean isAudio() {
        return kind == MediaKind.AUDIO;
    }

    public boolean isVideo() {
        return kind == MediaKind.VIDEO;
    }

    /** App-relative address of the file, readable by its owner only. */
    public String getFilePath() {
        return token == null ? null : UploadPreviewServlet.PATH + token;
    }

    public String getThumbnailPath() {
        return token == null || isAudio() ? null : UploadPreviewServlet.PATH + token + "/thumbnail";
    }

    public String getLabel() {
        return fileName != null ? fileName : url != null ? url : getTitle();
    }

    public String getFacts() {
        return facts;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public double getDurationSeconds() {
        return durationSeconds;
    }

    public String getToken() {
        return token;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url == null || url.isBlank() ? null : url.trim();
    }
}
