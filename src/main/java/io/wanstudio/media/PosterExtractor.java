package io.wanstudio.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.specific.AVCMP4Adaptor;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.FileChannelWrapper;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Picture;
import org.jcodec.containers.mp4.demuxer.AbstractMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.CodecMP4DemuxerTrack;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.jcodec.scale.AWTUtil;

/** Takes a poster image (JPEG) from a frame of an H.264 MP4. Slow (seconds): call it off request threads. */
public final class PosterExtractor {
    /** How far into the video the poster is taken: past fade-ins, yet early. */
    private static final double POSTER_SECOND = 1.0;

    private PosterExtractor() {
    }

    /** Writes a JPEG of a frame near the start of {@code video} (about 1 s in, or the first frame). */
    public static void writePoster(Path video, Path posterJpeg) throws IOException {
        BufferedImage frame = grabFrame(video);
        // Written beside the target and moved into place, so nobody ever serves a half-written poster.
        Path folder = posterJpeg.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(folder, ".poster-", ".part");
        try {
            if (!ImageIO.write(frame, "jpeg", partial.toFile())) {
                throw new IOException("No ImageIO writer for JPEG");
            }
            Files.move(partial, posterJpeg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * A frame grabber over the video track only. {@code FrameGrab.createFrameGrab} parses every track's codec
     * setup, and JCodec fails on an MP3 audio track in MP4 (an esds without AAC config): a video with MP3 sound,
     * such as one driven by an MP3, would have no poster. The raw demuxer reads no codec setup; the video track
     * is then opened alone, as createFrameGrab would open it.
     */
    private static FrameGrab frameGrab(SeekableByteChannel channel) throws IOException {
        MP4Demuxer raw = MP4Demuxer.createRawMP4Demuxer(channel);
        DemuxerTrack video = raw.getVideoTrack();
        if (!(video instanceof AbstractMP4DemuxerTrack track)) {
            throw new IOException("No video track");
        }
        var codecTrack = new CodecMP4DemuxerTrack(raw.getMovie(), track.getBox(), channel);
        return new FrameGrab(codecTrack, new AVCMP4Adaptor(codecTrack.getMeta()));
    }

    /** A frame about 1 s into {@code video} (or half-way into a shorter one), decoded whole. */
    static BufferedImage grabFrame(Path video) throws IOException {
        return frameAt(video, POSTER_SECOND);
    }

    /**
     * The frame at {@code second} of an H.264 MP4/MOV (half-way into a clip shorter than twice that, so the seek
     * never runs past the end), decoded whole; whatever its sound track is.
     */
    public static BufferedImage frameAt(Path video, double second) throws IOException {
        try (FileChannelWrapper channel = NIOUtils.readableChannel(video.toFile())) {
            FrameGrab grab = frameGrab(channel);
            DemuxerTrackMeta meta = grab.getVideoTrack().getMeta();
            grab.seekToSecondPrecise(Math.min(second, meta.getTotalDuration() / 2));
            Picture picture = grab.getNativeFrame();
            if (picture == null) {
                throw new IOException("The video has no decodable frame: " + video.getFileName());
            }
            return AWTUtil.toBufferedImage(picture, meta.getOrientation());
        } catch (JCodecException | RuntimeException e) {
            // JCodec reports unsupported codecs and broken streams with unchecked exceptions too.
            throw new IOException("Cannot decode a frame of " + video.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
