package io.wanstudio.media;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.mp4parser.Container;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.muxer.FileRandomAccessSourceImpl;
import org.mp4parser.muxer.Mp4TrackImpl;
import org.mp4parser.muxer.Movie;
import org.mp4parser.muxer.Track;
import org.mp4parser.muxer.builder.DefaultMp4Builder;

/**
 * An MP4's tracks, read with mp4parser for editing without re-encoding: the index is parsed, the media data is
 * read from the file only when a sample is written. Open while its tracks are used.
 */
final class OpenedMp4 implements Closeable {
    private final FileChannel channel;
    private final IsoFile iso;
    private final FileRandomAccessSourceImpl source;
    private final List<Track> video = new ArrayList<>();
    private final List<Track> audio = new ArrayList<>();

    private OpenedMp4(Path file) throws IOException {
        channel = FileChannel.open(file);
        try {
            // 'mdat' skipped: isoparser would otherwise copy the whole media payload into a temp file
            iso = new IsoFile(channel, IsoBoxes.parser().skippingBoxes("mdat"));
            source = new FileRandomAccessSourceImpl(new RandomAccessFile(file.toFile(), "r"));
            if (iso.getMovieBox() == null) {
                throw new IOException(file.getFileName() + " is not an MP4 (no 'moov' box)");
            }
            for (TrackBox box : iso.getMovieBox().getBoxes(TrackBox.class)) {
                String handler = box.getMediaBox().getHandlerBox().getHandlerType();
                var track = new Mp4TrackImpl(box.getTrackHeaderBox().getTrackId(), iso, source, handler);
                if ("vide".equals(handler)) {
                    video.add(track);
                } else if ("soun".equals(handler)) {
                    audio.add(track);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            // isoparser reports malformed boxes with unchecked exceptions
            throw e instanceof IOException io ? io : new IOException("Cannot read " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    static OpenedMp4 open(Path file) throws IOException {
        return new OpenedMp4(file);
    }

    List<Track> videoTracks() {
        return video;
    }

    List<Track> audioTracks() {
        return audio;
    }

    /** Writes the tracks as a new MP4 beside {@code target} and moves it into place only when it is whole. */
    static void write(List<Track> tracks, Path target) throws IOException {
        Movie movie = new Movie();
        tracks.forEach(movie::addTrack);
        Path folder = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(folder, ".edit-", ".part");
        try {
            Container built = new DefaultMp4Builder().build(movie);
            try (var out = FileChannel.open(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                built.writeContainer(out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException e) {
            throw new IOException("Cannot write the video: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public void close() throws IOException {
        try (Closeable a = channel; Closeable b = iso; Closeable c = source) {
            // all three closed, in reverse order, even if one fails
        }
    }
}
