package io.wanstudio.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What ffprobe/ffmpeg (an independent decoder) say of a video file. */
public record VideoCheck(String codec, int width, int height, double durationSeconds, boolean decodesCleanly) {

    public static VideoCheck of(Path video) throws IOException, InterruptedException {
        String probe = run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height:format=duration", "-of", "json", video.toString()));
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(probe))) {
            json = reader.readObject();
        }
        JsonObject stream = json.getJsonArray("streams").getJsonObject(0);
        double duration = Double.parseDouble(json.getJsonObject("format").getString("duration"));
        Process decode = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video.toString(), "-f", "null", "-")
                .redirectErrorStream(true).start();
        String errors = new String(decode.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = decode.waitFor(60, TimeUnit.SECONDS);
        return new VideoCheck(stream.getString("codec_name"), stream.getInt("width"), stream.getInt("height"),
                duration, finished && decode.exitValue() == 0 && errors.isBlank());
    }

    public double aspect() {
        return (double) width / height;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed on the video");
        }
        return out;
    }
}
