package io.wanstudio.media;

/**
 * What inspecting a media file's content found. Judged from the bytes, never from a name or Content-Type.
 *
 * @param kind            image, video or audio
 * @param format          lower-case format name: jpeg, png, bmp, webp, mp4, mov, wav, mp3
 * @param width           pixels (0 for audio)
 * @param height          pixels (0 for audio)
 * @param durationSeconds seconds (0 for images)
 * @param sizeBytes       size of the file in bytes
 * @param transparent     true when an image has transparency (alpha channel or tRNS palette) in use
 */
public record MediaInfo(MediaKind kind, String format, int width, int height, double durationSeconds,
        long sizeBytes, boolean transparent) {
}
