package io.wanstudio.simulator;

/**
 * One simulated task as kept in {@code tasks/<taskId>/task.json} (JSON-B, our own format, not Novita's). Its
 * timeline is fixed at submit time (timings copied from the settings then), so polls, restarts and later
 * changes of the settings all see the same task.
 */
public class SimulatedTask {
    public static final String FIRST_FRAME_FILE = "first-frame";
    public static final String FIRST_CLIP_FILE = "first-clip";
    public static final String LAST_FRAME_FILE = "last-frame";
    public static final String DRIVING_AUDIO_FILE = "driving-audio";

    public String taskId;
    /** SHA-256 of the API key that created it: another key gets TASK_NOT_FOUND, as at Novita. */
    public String ownerHash;
    public long submittedAtMs;
    public int queuedSeconds;
    public int processingSeconds;
    public int videoUrlTtlSeconds;

    public String prompt;
    public long seed;
    public int durationSeconds;
    public String resolution;

    /** True for a continuation (the input is {@link #FIRST_CLIP_FILE}), false for a first frame. */
    public boolean firstIsClip;
    public boolean hasLastFrame;
    /** True when the request's driving audio was an MP3, kept as {@link #DRIVING_AUDIO_FILE} for the sound track. */
    public boolean hasDrivingMp3;
    /** Size of the first input, so the output keeps its aspect ratio even when its pixels cannot be decoded. */
    public int inputWidth;
    public int inputHeight;

    /** Set when the prompt asked the simulator to fail the task ({@code [simulate-fail]}). */
    public String failReason;
    /** When the video file was complete; null until then (and again when the file went missing). */
    public volatile Long videoReadyAtMs;
    /** Why the video could not be made; the task then fails. */
    public volatile String synthesisError;
}
