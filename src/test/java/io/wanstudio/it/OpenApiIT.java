package io.wanstudio.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wanstudio.provider.NovitaInputRules;
import io.wanstudio.testing.TestMedia;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's OpenAPI document as a client author reads it: public (no session, no token), YAML or JSON, naming
 * every endpoint, the submit fields with the provider's limits, the bearer scheme and the error answers; and
 * telling the truth about the shapes the API really answers.
 */
@ExtendWith(SharedStudio.class)
class OpenApiIT {
    private static final Http APP = new Http("http://localhost:" + System.getProperty("wan.it.port", "18080"));
    private static JsonObject document;

    @BeforeAll
    static void fetchTheDocument() {
        var response = APP.get("/openapi?format=JSON");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        document = Http.json(response);
    }

    @Test
    void theDocumentIsPublicYamlByDefaultAndJsonOnRequestWhileTheApiStillWantsAToken() {
        var yaml = APP.get("/openapi");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.").contains("/api/v1/tasks:");

        var byAccept = APP.get("/openapi", "Accept", "application/json");
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(Http.json(byAccept).getJsonObject("info").getString("title")).isEqualTo("Wan Studio API");

        assertThat(APP.get("/api/v1/tasks").statusCode()).isEqualTo(401);
    }

    @Test
    void unsetAnnotationAttributesDoNotShowUpAsRules() {
        // Payara copies unset attributes; a generator would read "maxProperties: 0" as "an object without fields"
        String json = document.toString();
        assertThat(json).doesNotContain("\"maxProperties\":0", "\"minItems\":2147483647",
                "\"maxLength\":2147483647", "\"exclusiveMaximum\":false", "\"nullable\":false");
        assertThat(component("Task").getJsonObject("properties").getJsonObject("id").getString("type"))
                .isEqualTo("integer");
        assertThat(component("Task").getJsonObject("properties").getJsonObject("state").getString("type"))
                .isEqualTo("string");
    }

    @Test
    void aSignedInSessionGetsTheSameDocumentButStillNoApiAccess() {
        var session = Accounts.signIn(APP.base(), Accounts.ADMIN, Accounts.ADMIN_PASSWORD);

        var signedIn = session.get("/openapi?format=JSON");

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.uri().getPath()).isEqualTo("/openapi"); // not sent to the login page
        assertThat(parse(signedIn.body()).getJsonObject("paths").keySet())
                .isEqualTo(document.getJsonObject("paths").keySet());
        assertThat(session.get("/api/v1/tasks").statusCode()).isEqualTo(401);
    }

    @Test
    void everyEndpointIsDescribedAndNeedsTheBearerToken() {
        JsonObject paths = document.getJsonObject("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrder("/api/v1/tasks", "/api/v1/tasks/{id}",
                "/api/v1/tasks/{id}/video", "/api/v1/tasks/{id}/poster", "/api/v1/provider",
                "/api/v1/tasks/{id}/favourite", "/api/v1/tasks/{id}/tags", "/api/v1/tasks/{id}/tags/{tag}",
                "/api/v1/tasks/{id}/chain", "/api/v1/tasks/{id}/children", "/api/v1/tags", "/api/v1/admin/tasks",
                "/api/v1/admin/tasks/{id}", "/api/v1/admin/tasks/{id}/video", "/api/v1/admin/tasks/{id}/poster",
                "/api/v1/admin/tasks/{id}/resolution", "/api/v1/admin/spend", "/api/v1/admin/health",
                "/api/v1/admin/audit", "/api/v1/tasks/{id}/board", "/api/v1/admin/board",
                "/api/v1/admin/board/{id}/verdict", "/api/v1/admin/board/costs");
        assertThat(paths.getJsonObject("/api/v1/tasks/{id}").keySet()).containsExactlyInAnyOrder("get", "delete");
        assertThat(paths.getJsonObject("/api/v1/tasks/{id}/favourite").keySet())
                .containsExactlyInAnyOrder("put", "delete");
        assertThat(names(paths.getJsonObject("/api/v1/tasks").getJsonObject("get").getJsonArray("parameters")
                .getValuesAs(JsonObject.class))).contains("state", "mode", "resolution", "from", "to", "favourite",
                        "tag", "q", "sort", "cursor", "limit");
        assertThat(paths.getJsonObject("/api/v1/tasks").keySet()).containsExactlyInAnyOrder("get", "post");

        JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearerToken");
        assertThat(scheme.getString("type")).isEqualTo("http");
        assertThat(scheme.getString("scheme")).isEqualTo("bearer");
        assertThat(scheme.getString("description")).contains("/account/tokens.xhtml");
        assertThat(document.getJsonArray("security").getJsonObject(0).keySet()).containsExactly("bearerToken");

        for (String path : paths.keySet()) {
            for (var operation : paths.getJsonObject(path).values()) {
                JsonObject responses = operation.asJsonObject().getJsonObject("responses");
                assertThat(responses.keySet()).as(path).contains("401", "500");
                if (path.startsWith("/api/v1/admin/")) {
                    assertThat(responses.keySet()).as(path).contains("403");
                }
                assertThat(operation.asJsonObject().getString("summary")).as(path).isNotBlank();
            }
        }
        for (String path : List.of("/api/v1/tasks/{id}", "/api/v1/tasks/{id}/video", "/api/v1/tasks/{id}/poster")) {
            JsonObject get = paths.getJsonObject(path).getJsonObject("get");
            assertThat(get.getJsonObject("responses").keySet()).as(path).contains("200", "404");
            JsonObject id = get.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                    .filter(p -> p.getString("name").equals("id")).findFirst().orElseThrow();
            assertThat(id.getBoolean("required")).isTrue();
            assertThat(id.getJsonObject("schema").getString("type")).isEqualTo("integer");
        }
        JsonObject video = paths.getJsonObject("/api/v1/tasks/{id}/video").getJsonObject("get");
        assertThat(video.getJsonObject("responses").keySet()).contains("206", "304", "416");
        assertThat(names(video.getJsonArray("parameters").getValuesAs(JsonObject.class)))
                .contains("Range", "If-Range", "If-None-Match");
    }

    @Test
    void theSubmitTakesJsonOrAMultipartFormWithTheProvidersLimits() {
        JsonObject submit = document.getJsonObject("paths").getJsonObject("/api/v1/tasks").getJsonObject("post");
        assertThat(submit.getString("description")).contains("first frame + last frame", "first clip + last frame",
                "first frame + driving audio", "no driving audio");
        JsonObject body = submit.getJsonObject("requestBody");
        assertThat(body.getBoolean("required")).isTrue();
        JsonObject content = body.getJsonObject("content");
        assertThat(content.keySet()).containsExactlyInAnyOrder("application/json", "multipart/form-data");
        assertThat(content.getJsonObject("application/json").getJsonObject("examples").keySet())
                .hasSize(5);

        JsonObject json = schema(content.getJsonObject("application/json").getJsonObject("schema"))
                .getJsonObject("properties");
        assertThat(json.keySet()).contains("firstFrameUrl", "lastFrameUrl", "firstClipUrl", "drivingAudioUrl",
                "firstFrameUpload", "prompt", "negativePrompt", "durationSeconds", "resolution", "promptExtend",
                "watermark", "seed");
        assertThat(json.getJsonObject("prompt").getInt("maxLength")).isEqualTo(NovitaInputRules.PROMPT_MAX_CHARS);
        assertThat(json.getJsonObject("prompt").getString("description")).contains("code points");
        assertThat(json.getJsonObject("negativePrompt").getInt("maxLength"))
                .isEqualTo(NovitaInputRules.NEGATIVE_PROMPT_MAX_CHARS);
        JsonObject duration = json.getJsonObject("durationSeconds");
        assertThat(duration.getString("type")).isEqualTo("integer");
        assertThat(duration.getInt("minimum")).isEqualTo(NovitaInputRules.MIN_DURATION);
        assertThat(duration.getInt("maximum")).isEqualTo(NovitaInputRules.MAX_DURATION);
        assertThat(duration.getInt("default")).isEqualTo(NovitaInputRules.DEFAULT_DURATION);
        assertThat(strings(json.getJsonObject("resolution").getJsonArray("enum")))
                .containsExactlyInAnyOrderElementsOf(NovitaInputRules.RESOLUTIONS);
        JsonObject seed = json.getJsonObject("seed");
        assertThat(seed.getJsonNumber("minimum").longValue()).isZero();
        assertThat(seed.getJsonNumber("maximum").longValue()).isEqualTo(NovitaInputRules.SEED_MAX);
        assertThat(json.getJsonObject("firstFrameUrl").getString("description"))
                .contains("240 to 8000 px", "1:8", "20 MB", "without transparency");
        assertThat(json.getJsonObject("firstClipUrl").getString("description")).contains("2 to 10 s", "100 MB");
        assertThat(json.getJsonObject("drivingAudioUrl").getString("description")).contains("2 to 30 s", "15 MB");

        JsonObject form = schema(content.getJsonObject("multipart/form-data").getJsonObject("schema"))
                .getJsonObject("properties");
        for (String file : List.of("firstFrame", "lastFrame", "firstClip", "drivingAudio")) {
            assertThat(form.getJsonObject(file).getString("format")).as(file).isEqualTo("binary");
        }
        assertThat(form.getJsonObject("prompt").getInt("maxLength")).isEqualTo(NovitaInputRules.PROMPT_MAX_CHARS);
        assertThat(form.getJsonObject("durationSeconds").getInt("maximum")).isEqualTo(NovitaInputRules.MAX_DURATION);

        JsonObject key = submit.getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals("Idempotency-Key")).findFirst().orElseThrow();
        assertThat(key.getString("in")).isEqualTo("header");
        assertThat(key.getJsonObject("schema").getInt("maxLength")).isEqualTo(100);
    }

    @Test
    void theErrorAnswersAreDescribedWithTheirShape() {
        JsonObject responses = document.getJsonObject("paths").getJsonObject("/api/v1/tasks")
                .getJsonObject("post").getJsonObject("responses");
        assertThat(responses.keySet()).contains("201", "400", "401", "406", "415", "500");
        assertThat(responses.getJsonObject("201").getJsonObject("headers").keySet()).contains("Location");
        assertThat(responses.getJsonObject("400").getString("description")).contains("invalid_request",
                "malformed_json");
        assertThat(schemaRef(responses.getJsonObject("400"))).isEqualTo("#/components/schemas/ApiError");

        JsonObject unauthorized = document.getJsonObject("components").getJsonObject("responses")
                .getJsonObject("Unauthorized");
        assertThat(unauthorized.getJsonObject("headers").keySet()).contains("WWW-Authenticate");
        assertThat(schemaRef(unauthorized)).isEqualTo("#/components/schemas/ApiError");

        JsonObject error = component("ApiError");
        assertThat(strings(error.getJsonArray("required"))).containsExactlyInAnyOrder("error", "message");
        assertThat(error.getJsonObject("properties").getJsonObject("fields").getJsonObject("additionalProperties")
                .getString("type")).isEqualTo("string");
    }

    @Test
    void theDocumentedShapesAreTheOnesTheApiAnswers() {
        Http api = APP.withBearer(Accounts.adminToken(APP.base()));

        var refused = api.postJson("/api/v1/tasks", "{\"prompt\":\"no image\",\"durationSeconds\":40}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonObject error = Http.json(refused);
        assertThat(component("ApiError").getJsonObject("properties").keySet()).containsAll(error.keySet());
        assertThat(error.getJsonObject("fields").keySet()).contains("firstFrame", "durationSeconds");

        var created = api.postMultipart("/api/v1/tasks", new Http.Multipart()
                .file("firstFrame", "frame.png", "image/png", TestMedia.png(320, 240))
                .field("prompt", "documented shape [openapi-it]").field("durationSeconds", "2")
                .field("resolution", "720P"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject task = Http.json(created);
        JsonObject documented = component("Task");
        assertThat(documented.getJsonObject("properties").keySet()).containsAll(task.keySet());
        assertThat(task.keySet()).containsAll(strings(documented.getJsonArray("required")));
        assertThat(strings(component("TaskState").getJsonArray("enum"))).contains(task.getString("state"));
        assertThat(component("TaskLinks").getJsonObject("properties").keySet())
                .containsAll(task.getJsonObject("links").keySet());

        JsonObject list = Http.json(api.get("/api/v1/tasks?max=5"));
        assertThat(component("TaskList").getJsonObject("properties").keySet()).containsAll(list.keySet());
    }

    private static JsonObject component(String name) {
        return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }

    /** Follows a local {@code $ref} to its component. */
    private static JsonObject schema(JsonObject schema) {
        return schema.containsKey("$ref")
                ? component(schema.getString("$ref").substring("#/components/schemas/".length())) : schema;
    }

    private static String schemaRef(JsonObject response) {
        return response.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema")
                .getString("$ref");
    }

    private static List<String> names(List<JsonObject> parameters) {
        return parameters.stream().map(p -> p.getString("name")).toList();
    }

    private static List<String> strings(jakarta.json.JsonArray array) {
        return array.getValuesAs(JsonValue.class).stream().map(v -> ((JsonString) v).getString()).toList();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
