package io.wanstudio.provider;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The JSON body of {@code POST /v3/async/wan2.7-i2v}, field for field. Null fields are left out of the JSON,
 * so Novita applies its own defaults. Used by our client and by the simulator; nothing outside
 * {@code provider} and {@code simulator} sees it.
 */
@JsonbNillable(false)
public class NovitaSubmitRequest {
    @JsonbProperty("image_url")
    public String imageUrl;
    @JsonbProperty("first_clip_url")
    public String firstClipUrl;
    @JsonbProperty("last_frame_url")
    public String lastFrameUrl;
    @JsonbProperty("driving_audio_url")
    public String drivingAudioUrl;
    @JsonbProperty("prompt")
    public String prompt;
    @JsonbProperty("negative_prompt")
    public String negativePrompt;
    @JsonbProperty("duration")
    public Integer duration;
    @JsonbProperty("resolution")
    public String resolution;
    @JsonbProperty("prompt_extend")
    public Boolean promptExtend;
    @JsonbProperty("watermark")
    public Boolean watermark;
    @JsonbProperty("seed")
    public Long seed;
}
