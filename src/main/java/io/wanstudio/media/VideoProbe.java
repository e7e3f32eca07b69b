package io.wanstudio.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mp4parser.Box;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part12.FileTypeBox;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieExtendsHeaderBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part12.TrackHeaderBox;
import org.mp4parser.support.Matrix;

/** Duration and frame size of an MP4 or QuickTime MOV through isoparser's box tree. */
final class VideoProbe {
    private static final String QUICKTIME_BRAND = "qt  ";
    static final String DAMAGED = "The video is damaged or incomplete (the file ends before its media data does).";

    private VideoProbe() {
    }

    static MediaInfo inspect(Path file, long size) throws UnsupportedMediaException {
        // Skipping 'mdat': isoparser would otherwise copy the whole media payload into a temp file.
        try (FileChannel channel = FileChannel.open(file);
                IsoFile iso = new IsoFile(channel, IsoBoxes.parser().skippingBoxes("mdat"))) {
            // An upload cut short keeps its index when that comes first ("fast start"): only the sizes the
            // boxes declare show that their data is missing.
            long declared = iso.getBoxes().stream().mapToLong(Box::getSize).sum();
            if (declared > size) {
                throw new UnsupportedMediaException(DAMAGED);
            }
            MovieBox movie = iso.getMovieBox();
            if (movie == null || movie.getMovieHeaderBox() == null) {
                throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED);
            }
            TrackHeaderBox video = videoTrack(movie).orElseThrow(() ->
                    new UnsupportedMediaException("This video file has no video track."));
            int width = (int) Math.round(video.getWidth());
            int height = (int) Math.round(video.getHeight());
            if (isQuarterTurn(video.getMatrix())) {
                int swap = width;
                width = height;
                height = swap;
            }
            double seconds = durationSeconds(movie);
            if (width <= 0 || height <= 0 || seconds <= 0) {
                throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED);
            }
            return new MediaInfo(MediaKind.VIDEO, isQuickTime(iso) ? "mov" : "mp4", width, height, seconds, size,
                    false);
        } catch (IOException | RuntimeException e) {
            // isoparser reports malformed boxes with unchecked exceptions as well.
            throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED, e);
        }
    }

    /** QuickTime: brand 'qt  ', or no 'ftyp' at all (files older than the ISO format). */
    private static boolean isQuickTime(IsoFile iso) {
        List<FileTypeBox> ftyp = iso.getBoxes(FileTypeBox.class);
        return ftyp.isEmpty() || QUICKTIME_BRAND.equals(ftyp.get(0).getMajorBrand());
    }

    private static Optional<TrackHeaderBox> videoTrack(MovieBox movie) {
        return movie.getBoxes(TrackBox.class).stream()
                .filter(track -> track.getMediaBox() != null && track.getMediaBox().getHandlerBox() != null)
                .filter(track -> "vide".equals(track.getMediaBox().getHandlerBox().getHandlerType()))
                .map(TrackBox::getTrackHeaderBox)
                .filter(header -> header != null)
                .findFirst();
    }

    /** The movie header's duration; fragmented files may leave it 0 and give it in 'mehd' instead. */
    private static double durationSeconds(MovieBox movie) {
        MovieHeaderBox header = movie.getMovieHeaderBox();
        if (header.getTimescale() <= 0) {
            return 0;
        }
        long duration = header.getDuration();
        if (duration <= 0) {
            duration = movie.getBoxes(MovieExtendsHeaderBox.class, true).stream()
                    .mapToLong(MovieExtendsHeaderBox::getFragmentDuration).findFirst().orElse(0);
        }
        return duration / (double) header.getTimescale();
    }

    /** Phones store portrait video as landscape frames plus a 90° display matrix; we report what is shown. */
    private static boolean isQuarterTurn(Matrix matrix) {
        if (matrix == null) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.allocate(36);
        matrix.getContent(bytes);
        bytes.putLong(24, 0); // drop the translation (tx, ty), which only positions the turned picture
        bytes.rewind();
        Matrix rotation = Matrix.fromByteBuffer(bytes);
        return rotation.equals(Matrix.ROTATE_90) || rotation.equals(Matrix.ROTATE_270);
    }
}
