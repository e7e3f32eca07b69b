package io.wanstudio.simulator;

import io.wanstudio.media.IsoBoxes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.jaudiotagger.audio.mp3.MP3AudioHeader;
import org.mp4parser.Container;
import org.mp4parser.IsoFile;
import org.mp4parser.boxes.iso14496.part1.objectdescriptors.DecoderConfigDescriptor;
import org.mp4parser.boxes.iso14496.part1.objectdescriptors.ESDescriptor;
import org.mp4parser.boxes.iso14496.part1.objectdescriptors.SLConfigDescriptor;
import org.mp4parser.boxes.iso14496.part12.TrackBox;
import org.mp4parser.boxes.iso14496.part14.ESDescriptorBox;
import org.mp4parser.boxes.sampleentry.AudioSampleEntry;
import org.mp4parser.boxes.sampleentry.SampleEntry;
import org.mp4parser.muxer.FileRandomAccessSourceImpl;
import org.mp4parser.muxer.MemoryDataSourceImpl;
import org.mp4parser.muxer.Movie;
import org.mp4parser.muxer.Mp4TrackImpl;
import org.mp4parser.muxer.Sample;
import org.mp4parser.muxer.SampleImpl;
import org.mp4parser.muxer.WrappingTrack;
import org.mp4parser.muxer.Track;
import org.mp4parser.muxer.builder.DefaultMp4Builder;
import org.mp4parser.muxer.tracks.AACTrackImpl;
import org.mp4parser.muxer.tracks.ClippedTrack;
import org.mp4parser.muxer.tracks.MP3TrackImpl;

/**
 * Gives a simulated video its audio, as Novita's output has audio by default: the request's MP3 driving audio
 * as it is, or else a short ambient AAC loop kept as a resource, repeated; either cut at a frame boundary to
 * the video's duration (rounded up to whole frames, so the two differ by less than one audio frame). Muxed
 * with mp4parser: JCodec writes video only, and cannot encode audio.
 */
final class SoundTrack {
    private static final Logger LOG = Logger.getLogger(SoundTrack.class.getName());
    /** ADTS AAC-LC, mono, 44.1 kHz, ~40 kbit/s, six seconds that loop without a seam (made with ffmpeg). */
    static final String AMBIENT_LOOP = "ambient-loop.aac";
    private static final int AAC_SAMPLES_PER_FRAME = 1024;
    private static final int MP3_SAMPLES_PER_FRAME = 1152;
    private static final int ID3V1_LENGTH = 128;

    private static final byte[] LOOP = loadLoop();

    private SoundTrack() {
    }

    /**
     * Writes {@code target}: the video track of {@code videoOnly} plus an audio track of {@code seconds}.
     *
     * @param drivingMp3 the request's MP3 driving audio, or null for the ambient loop (also used when the MP3
     *                   cannot be muxed, e.g. MPEG-2 audio, which mp4parser does not read)
     */
    static void mux(Path videoOnly, Path drivingMp3, double seconds, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(videoOnly);
                IsoFile iso = new IsoFile(in, IsoBoxes.parser().skippingBoxes("mdat"));
                FileRandomAccessSourceImpl samples = new FileRandomAccessSourceImpl(
                        new RandomAccessFile(videoOnly.toFile(), "r"))) {
            List<TrackBox> tracks = iso.getMovieBox().getBoxes(TrackBox.class);
            if (tracks.size() != 1) {
                throw new IOException("Expected one video track, found " + tracks.size());
            }
            Movie movie = new Movie();
            movie.addTrack(new Mp4TrackImpl(tracks.get(0).getTrackHeaderBox().getTrackId(), iso, samples, "video"));
            movie.addTrack(audio(drivingMp3, seconds));
            Container muxed = new DefaultMp4Builder().build(movie);
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                muxed.writeContainer(out);
            }
        } catch (RuntimeException e) {
            // mp4parser reports broken input with unchecked exceptions
            throw new IOException("Cannot add the audio track: " + e.getMessage(), e);
        }
    }

    private static Track audio(Path drivingMp3, double seconds) throws IOException {
        if (drivingMp3 != null) {
            try {
                return mp3(drivingMp3, seconds);
            } catch (IOException | RuntimeException e) {
                LOG.info(() -> "The driving audio cannot be muxed (" + e + "); the simulated video gets ambient sound");
            }
        }
        return ambient(seconds);
    }

    /** The MP3's frames from its first to as many as the duration needs (a shorter MP3 ends early). */
    private static Track mp3(Path file, double seconds) throws IOException {
        long start;
        try {
            // Skips an ID3v2 tag (mp4parser reads bare frames only)
            start = new MP3AudioHeader(file.toFile()).getMp3StartByte();
        } catch (Exception e) {
            throw new IOException("Not a readable MP3: " + e.getMessage(), e);
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        if (end - start >= ID3V1_LENGTH && bytes[end - 128] == 'T' && bytes[end - 127] == 'A'
                && bytes[end - 126] == 'G') {
            end -= ID3V1_LENGTH;
        }
        Track track = new MP3TrackImpl(new MemoryDataSourceImpl(
                ByteBuffer.wrap(Arrays.copyOfRange(bytes, (int) start, end))));
        describeMp3(track);
        track = withSampleEntry(track);
        // An encoder's info frame (LAME "Info"/"Xing", Fraunhofer "VBRI") carries no sound: players skip it
        int first = track.getSamples().size() > 1 && isInfoFrame(track.getSamples().get(0)) ? 1 : 0;
        long frames = framesFor(seconds, track.getTrackMetaData().getTimescale(), MP3_SAMPLES_PER_FRAME);
        return new ClippedTrack(track, first, Math.min(first + frames, track.getSamples().size()));
    }

    /**
     * mp4parser 1.9.56's MP3TrackImpl makes its samples before its sample entry, so they point to none, and the
     * muxer then writes sample description index 0 (which ffmpeg's demuxer cannot follow past the first chunk).
     */
    private static Track withSampleEntry(Track track) {
        SampleEntry entry = track.getSampleEntries().get(0);
        List<Sample> samples = track.getSamples().stream()
                .map(sample -> (Sample) new SampleImpl(sample.asByteBuffer(), entry)).toList();
        return new WrappingTrack(track) {
            @Override
            public List<Sample> getSamples() {
                return samples;
            }
        };
    }

    private static boolean isInfoFrame(Sample frame) {
        ByteBuffer bytes = frame.asByteBuffer();
        byte[] head = new byte[Math.min(64, bytes.remaining())];
        bytes.duplicate().get(head);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        return text.contains("Xing") || text.contains("Info") || text.contains("VBRI");
    }

    /**
     * Gives the MP3 track the stream description that mp4parser 1.9.56 leaves empty (its MP3TrackImpl hands the
     * 'esds' box raw bytes, which the box ignores when written): without it, players take the track for AAC.
     * Object type 0x6B is MPEG-1 audio (MP3), stream type 5 audio, as MP3TrackImpl meant to write.
     */
    private static void describeMp3(Track track) throws IOException {
        ESDescriptorBox esds = track.getSampleEntries().stream().filter(AudioSampleEntry.class::isInstance)
                .flatMap(entry -> ((AudioSampleEntry) entry).getBoxes(ESDescriptorBox.class).stream()).findFirst()
                .orElseThrow(() -> new IOException("The MP3 track has no stream description"));
        long bytes = track.getSamples().stream().mapToLong(Sample::getSize).sum();
        double seconds = track.getSamples().size() * (double) MP3_SAMPLES_PER_FRAME
                / track.getTrackMetaData().getTimescale();
        long bitRate = seconds > 0 ? (long) (8 * bytes / seconds) : 0;
        DecoderConfigDescriptor decoder = new DecoderConfigDescriptor();
        decoder.setObjectTypeIndication(0x6B);
        decoder.setStreamType(5);
        decoder.setMaxBitRate(bitRate);
        decoder.setAvgBitRate(bitRate);
        SLConfigDescriptor sync = new SLConfigDescriptor();
        sync.setPredefined(2);
        ESDescriptor descriptor = new ESDescriptor();
        descriptor.setEsId(0);
        descriptor.setSlConfigDescriptor(sync);
        descriptor.setDecoderConfigDescriptor(decoder);
        esds.setEsDescriptor(descriptor);
    }

    /** The ambient loop repeated (ADTS frames are self-contained, so copies can follow one another). */
    private static Track ambient(double seconds) throws IOException {
        Track once = new AACTrackImpl(new MemoryDataSourceImpl(LOOP));
        int loopFrames = once.getSamples().size();
        long frames = framesFor(seconds, once.getTrackMetaData().getTimescale(), AAC_SAMPLES_PER_FRAME);
        int copies = (int) Math.max(1, (frames + loopFrames - 1) / loopFrames);
        ByteArrayOutputStream repeated = new ByteArrayOutputStream(LOOP.length * copies);
        for (int i = 0; i < copies; i++) {
            repeated.writeBytes(LOOP);
        }
        Track looped = new AACTrackImpl(new MemoryDataSourceImpl(repeated.toByteArray()));
        return new ClippedTrack(looped, 0, Math.min(frames, looped.getSamples().size()));
    }

    /** Whole frames covering {@code seconds} at this sample rate. */
    static long framesFor(double seconds, long sampleRate, int samplesPerFrame) {
        return Math.max(1, (long) Math.ceil(seconds * sampleRate / samplesPerFrame - 1e-9));
    }

    private static byte[] loadLoop() {
        try (InputStream in = SoundTrack.class.getResourceAsStream(AMBIENT_LOOP)) {
            if (in == null) {
                throw new IllegalStateException(AMBIENT_LOOP + " is missing from the simulator's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + AMBIENT_LOOP, e);
        }
    }
}
