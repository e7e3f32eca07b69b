package io.wanstudio.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.mp4parser.Box;
import org.mp4parser.boxes.iso14496.part1.objectdescriptors.DecoderConfigDescriptor;
import org.mp4parser.boxes.iso14496.part14.ESDescriptorBox;
import org.mp4parser.boxes.sampleentry.AudioSampleEntry;
import org.mp4parser.boxes.sampleentry.SampleEntry;
import org.mp4parser.boxes.sampleentry.VisualSampleEntry;
import org.mp4parser.muxer.Sample;
import org.mp4parser.muxer.Track;
import org.mp4parser.muxer.WrappingTrack;
import org.mp4parser.muxer.tracks.AppendTrack;
import org.mp4parser.muxer.tracks.ClippedTrack;

/**
 * Joins MP4 videos one after another without re-encoding (mp4parser appends their samples). That only gives a
 * playable file when every video was encoded alike: same codec and codec setup, frame size, time scale, and the
 * same sound or none in all. Where they differ, nothing is written and the exception says what differs, e.g.
 * "clip 2 is 720×1280, the others 1280×720".
 *
 * <p>Each clip's sound is made to end exactly where its picture ends (its last audio frame lasts to the end of the
 * picture, or frames past it are left out), so that sound and picture stay together across the joins.
 */
public final class Mp4Joiner {
    private static final Map<String, String> CODECS = Map.of("avc1", "H.264", "avc3", "H.264", "hvc1", "HEVC",
            "hev1", "HEVC", "vp09", "VP9", "av01", "AV1", "mp4v", "MPEG-4 Part 2");

    private Mp4Joiner() {
    }

    /**
     * Writes {@code target} (replacing it) with the videos in this order.
     *
     * @throws IncompatibleClipsException the videos differ in a way that a join without re-encoding cannot bridge
     * @throws IOException                a video cannot be read, or the target cannot be written
     */
    public static void join(List<Path> videos, Path target) throws IOException, IncompatibleClipsException {
        if (videos.size() < 2) {
            throw new IllegalArgumentException("Joining needs at least two videos");
        }
        List<OpenedMp4> opened = new ArrayList<>();
        try {
            List<Clip> clips = new ArrayList<>();
            for (Path video : videos) {
                OpenedMp4 mp4 = OpenedMp4.open(video);
                opened.add(mp4);
                clips.add(Clip.of(clips.size() + 1, mp4));
            }
            check(clips);
            List<Track> tracks = new ArrayList<>();
            tracks.add(append(clips.stream().map(Clip::video).toList()));
            if (clips.get(0).audio() != null) {
                List<Track> sounds = new ArrayList<>();
                for (int i = 0; i < clips.size(); i++) {
                    Clip clip = clips.get(i);
                    sounds.add(i == clips.size() - 1 ? clip.audio() : endingWithPicture(clip));
                }
                tracks.add(append(sounds));
            }
            OpenedMp4.write(tracks, target);
        } finally {
            for (OpenedMp4 mp4 : opened) {
                mp4.close();
            }
        }
    }

    /** What decides whether a clip can follow another. */
    private record Clip(int number, Track video, Track audio, String codec, String size, long timescale,
            String videoSetup, String soundCodec, long sampleRate, int channels, String soundSetup) {

        static Clip of(int number, OpenedMp4 mp4) throws IncompatibleClipsException {
            if (mp4.videoTracks().size() != 1) {
                throw new IncompatibleClipsException("clip " + number + " has " + mp4.videoTracks().size()
                        + " video tracks; only videos with one can be joined");
            }
            if (mp4.audioTracks().size() > 1) {
                throw new IncompatibleClipsException("clip " + number + " has " + mp4.audioTracks().size()
                        + " sound tracks; only videos with at most one can be joined");
            }
            Track video = mp4.videoTracks().get(0);
            SampleEntry picture = onlyEntry(number, video);
            String size = picture instanceof VisualSampleEntry visual ? visual.getWidth() + "×" + visual.getHeight()
                    : (long) video.getTrackMetaData().getWidth() + "×" + (long) video.getTrackMetaData().getHeight();
            Track audio = mp4.audioTracks().isEmpty() ? null : mp4.audioTracks().get(0);
            if (audio == null) {
                return new Clip(number, video, null, picture.getType(), size, video.getTrackMetaData().getTimescale(),
                        setup(picture), null, 0, 0, null);
            }
            SampleEntry sound = onlyEntry(number, audio);
            long rate = sound instanceof AudioSampleEntry a ? a.getSampleRate() : 0;
            int channels = sound instanceof AudioSampleEntry a ? a.getChannelCount() : 0;
            DecoderConfigDescriptor decoder = decoder(sound);
            String soundCodec = sound.getType();
            String soundSetup = setup(sound);
            if (decoder != null) {
                soundCodec = switch (decoder.getObjectTypeIndication()) {
                    case 0x40, 0x66, 0x67, 0x68 -> "AAC";
                    case 0x69, 0x6B -> "MP3";
                    default -> sound.getType() + "/" + decoder.getObjectTypeIndication();
                };
                // bit rates in the description differ from clip to clip and do not matter to a decoder
                soundSetup = decoder.getAudioSpecificInfo() != null
                        ? HexFormat.of().formatHex(decoder.getAudioSpecificInfo().getConfigBytes()) : "";
            }
            return new Clip(number, video, audio, picture.getType(), size, video.getTrackMetaData().getTimescale(),
                    setup(picture), soundCodec, rate, channels, soundSetup);
        }
    }

    private static SampleEntry onlyEntry(int number, Track track) throws IncompatibleClipsException {
        if (track.getSampleEntries().size() != 1) {
            throw new IncompatibleClipsException("clip " + number + " changes its encoding settings midway; it "
                    + "cannot be joined without re-encoding");
        }
        return track.getSampleEntries().get(0);
    }

    private static DecoderConfigDescriptor decoder(SampleEntry sound) {
        if (!(sound instanceof AudioSampleEntry audio)) {
            return null;
        }
        return audio.getBoxes(ESDescriptorBox.class).stream().map(ESDescriptorBox::getEsDescriptor)
                .filter(Objects::nonNull).map(es -> es.getDecoderConfigDescriptor()).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** The codec setup boxes (e.g. 'avcC' with H.264's parameter sets), without the informative bit-rate box. */
    private static String setup(SampleEntry entry) {
        var bytes = new ByteArrayOutputStream();
        try {
            for (Box box : entry.getBoxes()) {
                if (!"btrt".equals(box.getType())) {
                    box.getBox(Channels.newChannel(bytes));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory cannot fail", e);
        }
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static void check(List<Clip> clips) throws IncompatibleClipsException {
        same(clips, Clip::codec, (own, others) -> "is " + codecName(own) + " video, the others "
                + codecName(others));
        same(clips, Clip::size, (own, others) -> "is " + own + ", the others " + others);
        same(clips, Clip::timescale, (own, others) -> "counts time in 1/" + own + " s, the others in 1/" + others
                + " s");
        same(clips, Clip::videoSetup, (own, others) -> "was encoded with other " + codecName(clips.get(0).codec())
                + " settings than the others");
        same(clips, clip -> clip.audio() != null, (own, others) -> own ? "has sound, the others have none"
                : "has no sound, the others have");
        if (clips.get(0).audio() == null) {
            return;
        }
        same(clips, Clip::soundCodec, (own, others) -> "has " + own + " sound, the others " + others);
        same(clips, Clip::sampleRate, (own, others) -> "has sound at " + own + " Hz, the others at " + others
                + " Hz");
        same(clips, Clip::channels, (own, others) -> "has " + channels(own) + " sound, the others "
                + channels(others));
        same(clips, Clip::soundSetup, (own, others) -> "has sound encoded with other settings than the others");
    }

    /**
     * Passes when every clip has the same value. Otherwise names the first clip that differs from the most common
     * value: "clip 2 " + {@code difference(its value, the others' value)}; when it is not the only odd one,
     * lists every clip's value.
     */
    private static <T> void same(List<Clip> clips, Function<Clip, T> value, BiFunction<T, T, String> difference)
            throws IncompatibleClipsException {
        List<T> values = clips.stream().map(value).toList();
        Map<T, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        if (counts.size() == 1) {
            return;
        }
        T common = values.get(0);
        for (var count : counts.entrySet()) {
            if (count.getValue() > counts.get(common)) {
                common = count.getKey();
            }
        }
        int odd = 0;
        while (Objects.equals(values.get(odd), common)) {
            odd++;
        }
        if (counts.size() == 2 && counts.get(values.get(odd)) == 1) {
            throw new IncompatibleClipsException("clip " + (odd + 1) + " "
                    + difference.apply(values.get(odd), common));
        }
        List<String> each = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            each.add("clip " + (i + 1) + " " + difference.apply(values.get(i), values.get(i == 0 ? 1 : 0))
                    .replaceAll(",? (the|than the) others.*$", ""));
        }
        throw new IncompatibleClipsException(String.join("; ", each));
    }

    private static String codecName(String type) {
        return CODECS.getOrDefault(type, "'" + type + "'");
    }

    private static String channels(int count) {
        return switch (count) {
            case 1 -> "mono";
            case 2 -> "stereo";
            default -> count + "-channel";
        };
    }

    /**
     * The tracks one after another, all described by the first one's sample entry (they were checked to be
     * alike): mp4parser would otherwise write one entry per clip, which some players do not follow.
     */
    private static Track append(List<Track> tracks) throws IOException {
        Track appended = new AppendTrack(tracks.toArray(Track[]::new));
        SampleEntry entry = tracks.get(0).getSampleEntries().get(0);
        List<Sample> samples = appended.getSamples();
        List<Sample> described = new AbstractList<>() {
            @Override
            public Sample get(int index) {
                return new DescribedSample(samples.get(index), entry);
            }

            @Override
            public int size() {
                return samples.size();
            }
        };
        return new WrappingTrack(appended) {
            @Override
            public List<SampleEntry> getSampleEntries() {
                return Collections.singletonList(entry);
            }

            @Override
            public List<Sample> getSamples() {
                return described;
            }
        };
    }

    /** A sample as it is, pointing to another (equal) sample entry; its bytes are read only when written. */
    private record DescribedSample(Sample sample, SampleEntry entry) implements Sample {
        @Override
        public void writeTo(java.nio.channels.WritableByteChannel channel) throws IOException {
            sample.writeTo(channel);
        }

        @Override
        public long getSize() {
            return sample.getSize();
        }

        @Override
        public java.nio.ByteBuffer asByteBuffer() {
            return sample.asByteBuffer();
        }

        @Override
        public SampleEntry getSampleEntry() {
            return entry;
        }
    }

    /**
     * The clip's sound, ending where its picture ends: audio frames that start after the picture's end are left
     * out, and the last one kept lasts until the picture's end (a player fills a gap with silence).
     */
    private static Track endingWithPicture(Clip clip) {
        Track audio = clip.audio();
        long[] durations = audio.getSampleDurations();
        long audioScale = audio.getTrackMetaData().getTimescale();
        long pictureEnd = Math.round(Arrays.stream(clip.video().getSampleDurations()).sum()
                * (double) audioScale / clip.video().getTrackMetaData().getTimescale());
        int keep = 0;
        long start = 0;
        while (keep < durations.length && start < pictureEnd) {
            start += durations[keep];
            keep++;
        }
        if (keep == 0) {
            return audio;
        }
        long lastStart = start - durations[keep - 1];
        long[] adjusted = Arrays.copyOf(durations, keep);
        adjusted[keep - 1] = Math.max(1, pictureEnd - lastStart);
        Track kept = keep == durations.length ? audio : new ClippedTrack(audio, 0, keep);
        return new WrappingTrack(kept) {
            @Override
            public long[] getSampleDurations() {
                return adjusted;
            }

            @Override
            public long getDuration() {
                return Arrays.stream(adjusted).sum();
            }
        };
    }
}
