package io.wanstudio.simulator;

import io.wanstudio.media.LinkSignature;
import io.wanstudio.platform.ProviderMode;
import io.wanstudio.platform.http.RangeStreaming;
import io.wanstudio.simulator.FaultSettings.Endpoint;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulator's HTTP face, under {@code /simulator} with Novita's paths below it. A plain servlet, for full
 * control of raw bodies, delays and deliberately broken answers; it routes, authenticates, applies faults and
 * writes, while the work is done by the beans it injects.
 */
@WebServlet(urlPatterns = "/simulator/*")
public class SimulatorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SimulatorServlet.class.getName());

    static final String SUBMIT_PATH = "/v3/async/wan2.7-i2v";
    static final String RESULT_PATH = "/v3/async/task-result";
    static final String FILES_PATH = "/files/";
    static final String CONTROL_PATH = "/_control/";
    private static final String JSON = "application/json";
    /** Far above any valid body (prompts are at most 5000 code points); larger bodies are refused unread. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    @Inject
    transient ProviderMode providerMode;
    @Inject
    transient SimulatorConfig config;
    @Inject
    transient FaultInjector faults;
    @Inject
    transient SubmissionLedger ledger;
    @Inject
    transient PollLedger polls;
    @Inject
    transient SubmissionValidator validator;
    @Inject
    transient SimulatedTasks tasks;
    @Inject
    transient SignedLinks links;

    /** How the answer leaves: whole, after a delay, cut short, or not at all (the connection faults). */
    private enum Delivery {
        NORMAL, SLOW, CUT, NONE
    }

    /** An answer in JSON, an HTML gateway page, or (for the malformed fault) a raw text. */
    private record Reply(int status, String contentType, String body, int retryAfterSeconds, Delivery delivery) {
        static Reply json(int status, JsonObject json) {
            return new Reply(status, JSON, json.toString(), 0, Delivery.NORMAL);
        }

        static Reply raw(int status, String body) {
            return new Reply(status, JSON, body, 0, Delivery.NORMAL);
        }

        static Reply of(SimulatorRefusal refusal) {
            if (refusal.gatewayPage()) {
                return new Reply(refusal.status(), "text/html", gatewayPage(refusal.status(), refusal.reason()), 0,
                        Delivery.NORMAL);
            }
            return new Reply(refusal.status(), JSON,
                    NovitaJson.error(refusal.status(), refusal.reason(), refusal.getMessage()).toString(),
                    refusal.retryAfterSeconds(), Delivery.NORMAL);
        }

        Reply delivered(Delivery how) {
            return new Reply(status, contentType, body, retryAfterSeconds, how);
        }
    }

    /** The body as read: at most {@link #MAX_BODY_BYTES} kept, the hash always over all of it. */
    private record RawBody(byte[] bytes, boolean tooLarge, String sha256) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!providerMode.servesSimulator()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        if (path.equals(SUBMIT_PATH)) {
            if (allowed(method, response, "POST")) {
                submit(request, response);
            }
        } else if (path.equals(RESULT_PATH)) {
            if (allowed(method, response, "GET")) {
                poll(request, response);
            }
        } else if (path.startsWith(FILES_PATH)) {
            if (allowed(method, response, "GET", "HEAD")) {
                file(request, response, path.substring(FILES_PATH.length()));
            }
        } else if (path.startsWith(CONTROL_PATH) && config.controlEnabled()) {
            control(request, response, path.substring(CONTROL_PATH.length()));
        } else {
            write(response, null, Reply.json(404, NovitaJson.error(404, "API_NOT_FOUND",
                    "No such API: " + method + " /simulator" + path)));
        }
    }

    private void submit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Reply reply;
        try {
            reply = acceptSubmit(request);
        } catch (SimulatorRefusal refusal) {
            LOG.info(() -> "Simulator refused a submit: " + refusal.status() + " " + refusal.reason() + ": "
                    + refusal.getMessage());
            reply = Reply.of(refusal);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Simulator failed on a submit", e);
            reply = Reply.json(500, NovitaJson.error(500, "CREATE_TASK_FAILED", "Internal error of the simulator"));
        }
        deliver(request, response, reply);
    }

    /**
     * Auth, count, injected faults (before any task exists), validation, the task, then the faults that hit a
     * created task (the answer lost or late); latency comes after.
     */
    private Reply acceptSubmit(HttpServletRequest request) throws SimulatorRefusal, IOException {
        String key = authenticate(request);
        RawBody body = read(request.getInputStream());
        // Counted as it arrives, before anything can fail: tests count POSTs that reached the provider
        ledger.recordPost(body.sha256(), body.tooLarge() ? null : SubmissionValidator.promptOf(body.bytes()),
                body.tooLarge() ? null : body.bytes());
        Optional<SimulatorRefusal> fault = faults.failureFor(Endpoint.SUBMIT);
        if (fault.isPresent()) {
            throw fault.get();
        }
        if (body.tooLarge()) {
            throw SimulatorRefusal.invalidBody("The request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        ValidatedSubmission submission = validator.validate(body.bytes(), request.getContentType());
        SimulatedTask task;
        try {
            task = tasks.create(submission, ApiKeys.owner(key), faults.settings());
        } finally {
            validator.discard(submission);
        }
        ledger.recordAccepted(body.sha256(), task.taskId);
        LOG.info(() -> String.format("Simulator accepted task %s: %d s, %s, %s%s%s", task.taskId,
                task.durationSeconds, task.resolution, task.firstIsClip ? "continuation" : "first frame",
                task.hasLastFrame ? " + last frame" : "", task.failReason != null ? " (will fail on request)" : ""));
        Reply answer = Reply.json(200, NovitaJson.taskId(task.taskId));
        Optional<FaultInjector.AfterCreate> lost = faults.afterCreate();
        if (lost.isPresent()) {
            LOG.info(() -> "Simulator fault on the answer of task " + task.taskId + ": " + lost.get());
            return switch (lost.get()) {
                case SERVER_ERROR -> Reply.of(new SimulatorRefusal(500, "CREATE_TASK_FAILED",
                        "Internal server error (simulated)"));
                case DROP -> answer.delivered(Delivery.NONE);
                case RESET -> answer.delivered(Delivery.CUT);
                case SLOW -> answer.delivered(Delivery.SLOW);
            };
        }
        if (faults.malformed(Endpoint.SUBMIT)) {
            // The task exists but its id never reaches the client: the answer a client must survive
            return Reply.raw(200, "{\"task_id\": \"" + task.taskId.substring(0, 8));
        }
        return answer;
    }

    /**
     * Sends a submit's answer as its delivery says. The connection faults really end the TCP connection: no byte
     * at all, or headers announcing the whole body followed by half of it.
     */
    private void deliver(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        switch (reply.delivery()) {
            case NORMAL -> write(response, Endpoint.SUBMIT, reply);
            case SLOW -> {
                pause(faults.slowAnswerMs());
                try {
                    write(response, Endpoint.SUBMIT, reply);
                } catch (IOException e) {
                    LOG.fine(() -> "The client of a slow answer had gone: " + e.getMessage());
                }
            }
            case NONE -> ConnectionAbort.close(request);
            case CUT -> {
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                response.setStatus(reply.status());
                response.setContentType(reply.contentType());
                response.setCharacterEncoding("UTF-8");
                response.setContentLength(bytes.length);
                response.getOutputStream().write(bytes, 0, bytes.length / 2);
                response.flushBuffer();
                ConnectionAbort.close(request);
            }
        }
    }

    private void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Reply reply;
        try {
            reply = taskResult(request);
        } catch (SimulatorRefusal refusal) {
            reply = Reply.of(refusal);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Simulator failed on a task-result", e);
            reply = Reply.json(500, NovitaJson.error(500, "GET_RESULT_FAILED", "Internal error of the simulator"));
        }
        write(response, Endpoint.POLL, reply);
    }

    private Reply taskResult(HttpServletRequest request) throws SimulatorRefusal {
        String owner = ApiKeys.owner(authenticate(request));
        String taskId = request.getParameter("task_id");
        boolean counted = config.controlEnabled(); // only readable through the control API, so only kept then
        if (counted && taskId != null && !taskId.isBlank()) {
            // Counted as it arrives, before any fault: what a schedule costs the provider
            polls.recordPoll(taskId.strip());
        }
        Optional<SimulatorRefusal> fault = faults.failureFor(Endpoint.POLL);
        if (fault.isPresent()) {
            throw fault.get();
        }
        if (taskId == null || taskId.isBlank()) {
            throw SimulatorRefusal.invalidBody("task_id: is required");
        }
        SimulatedTask task = tasks.find(taskId.strip()).filter(t -> owner.equals(t.ownerHash))
                .orElseThrow(() -> new SimulatorRefusal(404, "TASK_NOT_FOUND", "Task not found: " + taskId));
        TaskProgress progress = tasks.progress(task);
        String videoUrl = null;
        long ttl = 0;
        if (progress.succeeded()) {
            long expires = Timeline.linkExpiresEpochSeconds(task, progress.completeTimeMs());
            ttl = Math.max(0, expires - Math.floorDiv(tasks.nowMs(), 1000));
            videoUrl = linksBase(request) + FILES_PATH + task.taskId + ".mp4?" + links.query(task.taskId, expires);
        }
        if (faults.malformed(Endpoint.POLL)) {
            return Reply.raw(200, "{\"task\": {\"status\": \"TASK_ST");
        }
        if (videoUrl != null && faults.noVideoUrl()) {
            LOG.info(() -> "Simulator fault: task " + task.taskId + " succeeded without a video in the answer");
            videoUrl = null;
        }
        if (counted && videoUrl != null) {
            polls.recordSucceedAnswer(task.taskId, Timeline.plannedEndMs(task), progress.completeTimeMs(),
                    tasks.nowMs());
        }
        return Reply.json(200, NovitaJson.taskResult(task, progress, videoUrl, ttl, faults.ttlAsNumber()));
    }

    /** The result video behind its signed link; S3-like XML errors; single byte ranges. */
    private void file(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        pause(faults.latencyMs(Endpoint.FILES));
        String taskId = name.endsWith(".mp4") ? name.substring(0, name.length() - 4) : "";
        LinkSignature.Verdict verdict = links.check(taskId, request.getParameter("expires"),
                request.getParameter("signature"), Instant.now());
        if (verdict == LinkSignature.Verdict.BAD_SIGNATURE) {
            s3Error(response, 403, "AccessDenied",
                    "The request signature we calculated does not match the signature you provided");
            return;
        }
        if (verdict == LinkSignature.Verdict.EXPIRED) {
            s3Error(response, 403, "AccessDenied", "Request has expired");
            return;
        }
        Optional<Path> video = tasks.video(taskId);
        if (video.isEmpty()) {
            s3Error(response, 404, "NoSuchKey", "The specified key does not exist.");
            return;
        }
        RangeStreaming.serve(request, response, video.get(), "video/mp4");
    }

    private void control(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        String method = request.getMethod();
        Reply reply;
        switch (name) {
            case "submissions" -> {
                if (!allowed(method, response, "GET")) {
                    return;
                }
                reply = Reply.json(200, ledger.toJson(Optional.ofNullable(request.getParameter("prompt"))));
            }
            case "polls" -> {
                if (!allowed(method, response, "GET")) {
                    return;
                }
                reply = Reply.json(200, polls.toJson());
            }
            case "faults" -> {
                if (!allowed(method, response, "GET", "POST")) {
                    return;
                }
                reply = "POST".equals(method) ? changeFaults(request) : Reply.json(200, faults.toJson().build());
            }
            case "reset" -> {
                if (!allowed(method, response, "POST")) {
                    return;
                }
                faults.reset();
                ledger.clear();
                polls.clear();
                LOG.info("Simulator control: faults and counters reset");
                reply = Reply.json(200, faults.toJson().build());
            }
            default -> reply = Reply.json(404, NovitaJson.error(404, "API_NOT_FOUND", "No such control: " + name));
        }
        write(response, null, reply);
    }

    private Reply changeFaults(HttpServletRequest request) throws IOException {
        RawBody body = read(request.getInputStream());
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body.bytes()))) {
            JsonObject patch = reader.readObject();
            faults.update(patch);
            LOG.info(() -> "Simulator control: faults changed by " + patch);
            return Reply.json(200, faults.toJson().build());
        } catch (JsonException | IllegalStateException e) {
            return Reply.of(SimulatorRefusal.invalidBody("The body must be a JSON object of fault settings"));
        } catch (IllegalArgumentException e) {
            return Reply.of(SimulatorRefusal.invalidBody(e.getMessage()));
        }
    }

    /** The key of the request, if acceptable. Never logged. */
    private String authenticate(HttpServletRequest request) throws SimulatorRefusal {
        // 401 for both, as Novita's error guide says: the key is missing or incorrect
        String key = ApiKeys.fromHeader(request.getHeader("Authorization")).orElseThrow(() -> new SimulatorRefusal(
                401, "MISSING_API_KEY", "The API key is missing: send the header Authorization: Bearer <key>"));
        if (!ApiKeys.accepted(key, config.acceptedKeys())) {
            throw new SimulatorRefusal(401, "INVALID_API_KEY", "The API key is invalid");
        }
        return key;
    }

    /** Where result links point: configured, or the address this request came in on. */
    private String linksBase(HttpServletRequest request) {
        return config.linksBaseUrl().orElseGet(() -> {
            String url = request.getRequestURL().toString();
            String mount = request.getContextPath() + "/simulator";
            int at = url.indexOf(mount, url.indexOf("//") + 2);
            return at < 0 ? url : url.substring(0, at + mount.length());
        });
    }

    private boolean allowed(String method, HttpServletResponse response, String... methods) throws IOException {
        for (String allowedMethod : methods) {
            if (allowedMethod.equals(method)) {
                return true;
            }
        }
        response.setHeader("Allow", String.join(", ", methods));
        write(response, null, Reply.json(405,
                NovitaJson.error(405, "METHOD_NOT_ALLOWED", method + " is not allowed here")));
        return false;
    }

    /** Writes a reply after the endpoint's injected latency (none for control answers). */
    private void write(HttpServletResponse response, Endpoint endpoint, Reply reply) throws IOException {
        if (endpoint != null) {
            pause(faults.latencyMs(endpoint));
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        response.setCharacterEncoding("UTF-8");
        if (reply.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Integer.toString(reply.retryAfterSeconds()));
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The page nginx answers a gateway error with: what a client gets instead of Novita's JSON. */
    private static String gatewayPage(int status, String title) {
        return "<html>\r\n<head><title>" + status + " " + title + "</title></head>\r\n<body>\r\n<center><h1>"
                + status + " " + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private static void s3Error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        // A fixed, S3-like shape: the codes and messages are constants, nothing from the request is echoed
        byte[] bytes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/xml");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static RawBody read(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        boolean tooLarge = false;
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = digesting.read(buffer)) >= 0;) {
                if (kept.size() + n > MAX_BODY_BYTES) {
                    tooLarge = true;
                } else if (!tooLarge) {
                    kept.write(buffer, 0, n);
                }
            }
        }
        return new RawBody(tooLarge ? new byte[0] : kept.toByteArray(), tooLarge,
                HexFormat.of().formatHex(digest.digest()));
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
