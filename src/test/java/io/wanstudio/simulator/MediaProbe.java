package io.wanstudio.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What ffprobe and ffmpeg, an independent demuxer and decoder, make of a media file: its streams as
 * {@code type:codec}, the durations of the video and audio streams, and whether it decodes without an error.
 */
record MediaProbe(List<String> codecs, int width, int height, double videoSeconds, double audioSeconds,
        boolean decodesCleanly) {

    static MediaProbe of(Path file) throws Exception {
        String json = run("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_type,codec_name,duration,width,height", "-of", "json", file.toString());
        List<String> codecs = new ArrayList<>();
        int width = 0;
        int height = 0;
        double videoSeconds = 0;
        double audioSeconds = 0;
        try (var reader = Json.createReader(new StringReader(json))) {
            for (JsonObject stream : reader.readObject().getJsonArray("streams").getValuesAs(JsonObject.class)) {
                String type = stream.getString("codec_type");
                codecs.add(type + ":" + stream.getString("codec_name"));
                double seconds = Double.parseDouble(stream.getString("duration", "0"));
                if (type.equals("video")) {
                    videoSeconds = seconds;
                    width = stream.getInt("width");
                    height = stream.getInt("height");
                } else {
                    audioSeconds = seconds;
                }
            }
        }
        String errors = run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        return new MediaProbe(codecs, width, height, videoSeconds, audioSeconds, errors.isBlank());
    }

    /** Makes a file with ffmpeg (e.g. a test MP3 from a lavfi source). */
    static Path ffmpeg(Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(List.of(args));
        command.add(output.toString());
        run(command.toArray(String[]::new));
        return output;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
