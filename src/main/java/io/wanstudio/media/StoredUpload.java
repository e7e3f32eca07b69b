package io.wanstudio.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file a user uploaded as a task input, already inspected; its bytes live in the media store. */
@Entity
@Table(name = "stored_upload")
@NamedQuery(name = StoredUpload.BY_TOKEN, query = "SELECT u FROM StoredUpload u WHERE u.token = :token")
@NamedQuery(name = StoredUpload.BY_TOKEN_AND_OWNER,
        query = "SELECT u FROM StoredUpload u WHERE u.token = :token AND u.owner = :owner")
public class StoredUpload {
    static final String BY_TOKEN = "StoredUpload.byToken";
    static final String BY_TOKEN_AND_OWNER = "StoredUpload.byTokenAndOwner";

    @Id
    @SequenceGenerator(name = "upload_seq", sequenceName = "stored_upload_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "upload_seq")
    private Long id;
    private String owner;
    private String token;
    @Column(name = "file_name")
    private String fileName;
    @Enumerated(EnumType.STRING)
    @Column(name = "media_kind")
    private MediaKind kind;
    private String format;
    @Column(name = "content_type")
    private String contentType;
    @Column(name = "size_bytes")
    private long sizeBytes;
    private Integer width;
    private Integer height;
    @Column(name = "duration_seconds")
    private Double durationSeconds;
    @Column(name = "created_at")
    private Instant createdAt;
    /** The URL it was imported from; null for a file sent by the user's browser or program. */
    @Column(name = "source_url")
    private String sourceUrl;

    protected StoredUpload() {
    }

    StoredUpload(String owner, String token, String fileName, MediaInfo info, Instant now, String sourceUrl) {
        this.owner = owner;
        this.token = token;
        this.fileName = fileName;
        this.kind = info.kind();
        this.format = info.format();
        this.contentType = contentTypeOf(info.format());
        this.sizeBytes = info.sizeBytes();
        this.width = info.width();
        this.height = info.height();
        this.durationSeconds = info.durationSeconds();
        this.createdAt = now;
        this.sourceUrl = sourceUrl;
    }

    /** What the inspection found. Never transparent: such images are refused before they are stored. */
    public MediaInfo info() {
        return new MediaInfo(kind, format, width == null ? 0 : width, height == null ? 0 : height,
                durationSeconds == null ? 0 : durationSeconds, sizeBytes, false);
    }

    static String contentTypeOf(String format) {
        return switch (format) {
            case "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "bmp" -> "image/bmp";
            case "webp" -> "image/webp";
            case "mp4" -> "video/mp4";
            case "mov" -> "video/quicktime";
            case "wav" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            default -> "application/octet-stream";
        };
    }

    public Long getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public String getToken() {
        return token;
    }

    public String getFileName() {
        return fileName;
    }

    public MediaKind getKind() {
        return kind;
    }

    public String getFormat() {
        return format;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    /** File name in the store: the token and the format's extension, nothing the user chose. */
    public String storedName() {
        return token + "." + format;
    }
}
