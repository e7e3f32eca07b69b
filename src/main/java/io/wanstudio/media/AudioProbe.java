package io.wanstudio.media;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;

/** Duration of a WAV or MP3 through jaudiotagger. */
final class AudioProbe {
    /**
     * jaudiotagger logs every oddity of a file at INFO/WARNING through java.util.logging (into the server log).
     * Held in a field: j.u.l. keeps loggers weakly, and a collected logger would forget its level.
     */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private AudioProbe() {
    }

    /** @param format "wav" or "mp3", found from the content; jaudiotagger would otherwise go by the file name */
    static MediaInfo inspect(Path file, String format, long size) throws UnsupportedMediaException {
        try {
            AudioFile audio = AudioFileIO.readAs(file.toFile(), format);
            AudioHeader header = audio.getAudioHeader();
            double seconds = header == null ? 0 : header.getPreciseTrackLength();
            if (!(seconds > 0)) {
                throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED);
            }
            return new MediaInfo(MediaKind.AUDIO, format, 0, 0, seconds, size, false);
        } catch (UnsupportedMediaException e) {
            throw e;
        } catch (Exception e) {
            // CannotReadException, InvalidAudioFrameException, TagException, ... and unchecked ones on bad input.
            throw new UnsupportedMediaException(MediaInspector.UNSUPPORTED, e);
        }
    }
}
