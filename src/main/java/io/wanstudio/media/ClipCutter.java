package io.wanstudio.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mp4parser.muxer.Track;
import org.mp4parser.muxer.tracks.ClippedTrack;

/**
 * Cuts the end off a video without re-encoding, for continuing a long result (the provider takes clips of 2 to
 * 10 s). A cut without re-encoding can only start at a sync sample (a keyframe), so the piece starts at the first
 * keyframe inside the last {@code seconds}; its sound is cut at the same moment.
 */
public final class ClipCutter {
    public static final double MIN_SECONDS = 2;
    public static final double MAX_SECONDS = 10;

    private ClipCutter() {
    }

    /**
     * Writes to {@code target} the end of {@code video}: at most {@code seconds} (2 to 10), at least 2 s. Only for
     * videos longer than 10 s: a shorter one is taken as it is.
     *
     * @throws ClipCutException no keyframe lets the piece be 2 s to {@code seconds} long (the message names the
     *                          keyframes there are)
     * @throws IOException      the video cannot be read or the target written
     */
    public static void lastSeconds(Path video, double seconds, Path target) throws IOException, ClipCutException {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("A piece for continuing is 2 to 10 s long, not " + seconds);
        }
        try (OpenedMp4 mp4 = OpenedMp4.open(video)) {
            if (mp4.videoTracks().size() != 1) {
                throw new ClipCutException("The video has " + mp4.videoTracks().size()
                        + " picture tracks; only a video with one can be cut.");
            }
            Track picture = mp4.videoTracks().get(0);
            long scale = picture.getTrackMetaData().getTimescale();
            long[] durations = picture.getSampleDurations();
            long[] starts = new long[durations.length + 1];
            for (int i = 0; i < durations.length; i++) {
                starts[i + 1] = starts[i] + durations[i];
            }
            long end = starts[durations.length];
            if (end <= MAX_SECONDS * scale) {
                throw new IllegalArgumentException("The video is " + format(end / (double) scale)
                        + " s long: it can be continued as it is");
            }
            long[] sync = picture.getSyncSamples(); // 1-based; null or empty: every sample is one
            long earliest = (long) Math.ceil(end - seconds * scale);
            int cut = -1;
            List<Double> keyframes = new ArrayList<>();
            for (int i = 0; i < durations.length; i++) {
                if (isSync(sync, i)) {
                    keyframes.add(starts[i] / (double) scale);
                    if (cut < 0 && starts[i] >= earliest) {
                        cut = i;
                    }
                }
            }
            if (cut < 0 || end - starts[cut] < MIN_SECONDS * scale) {
                throw new ClipCutException("The last " + format(seconds) + " s of this " + format(end / (double) scale)
                        + " s video hold no keyframe that leaves 2 to " + format(seconds) + " s (keyframes at "
                        + keyframes.stream().limit(12).map(k -> format(k) + " s").collect(Collectors.joining(", "))
                        + (keyframes.size() > 12 ? ", …" : "") + "), so it cannot be cut without re-encoding.");
            }
            List<Track> tracks = new ArrayList<>();
            tracks.add(new ClippedTrack(picture, cut, durations.length));
            double cutSeconds = starts[cut] / (double) scale;
            for (Track sound : mp4.audioTracks()) {
                tracks.add(fromTime(sound, cutSeconds));
            }
            OpenedMp4.write(tracks, target);
        }
    }

    private static boolean isSync(long[] sync, int index) {
        if (sync == null || sync.length == 0) {
            return true;
        }
        for (long number : sync) {
            if (number == index + 1) {
                return true;
            }
        }
        return false;
    }

    /** The sound from the audio frame nearest to the cut on. */
    private static Track fromTime(Track sound, double seconds) {
        long target = Math.round(seconds * sound.getTrackMetaData().getTimescale());
        long[] durations = sound.getSampleDurations();
        long start = 0;
        int first = 0;
        while (first < durations.length - 1 && start + durations[first] / 2 < target) {
            start += durations[first];
            first++;
        }
        return new ClippedTrack(sound, first, durations.length);
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds).replace(".0", "");
    }
}
