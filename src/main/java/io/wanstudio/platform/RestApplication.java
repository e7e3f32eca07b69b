package io.wanstudio.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/**
 * The JSON API for automation lives under /api. Its OpenAPI document (MicroProfile OpenAPI, served by Payara at
 * {@code /openapi}, YAML or with {@code ?format=JSON} JSON) is built from the annotations here, on the resources
 * and on their records; the answers every operation shares (401, 404, 500) are defined once below.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "Wan Studio API", version = "v1", description = RestApplication.DESCRIPTION),
        // relative: the studio's own address, whatever name or proxy it is reached through
        servers = @Server(url = "/", description = "This studio (where this document was fetched from)"),
        security = @SecurityRequirement(name = RestApplication.BEARER),
        components = @Components(schemas = {
            @Schema(name = RestApplication.VIDEO_FILE, type = SchemaType.STRING, format = "binary",
                    description = "An MP4 video (H.264)."),
            @Schema(name = RestApplication.POSTER_FILE, type = SchemaType.STRING, format = "binary",
                    description = "A JPEG image.")},
            responses = {
            @APIResponse(name = RestApplication.UNAUTHORIZED, responseCode = "401",
                    description = "No token, a token not sent as `Bearer`, or a token that is mistyped, revoked "
                            + "or belongs to a disabled account. A browser session does not count.",
                    headers = @Header(name = "WWW-Authenticate", description = "`Bearer realm=\"wan-studio\"`, "
                            + "with `error=\"invalid_token\"` when a token was sent but is not valid",
                            schema = @Schema(type = SchemaType.STRING)),
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ApiError"),
                            example = "{\"error\":\"unauthorized\",\"message\":\"This API token is not valid: it "
                                    + "may be mistyped, revoked, or its account disabled.\"}")),
            @APIResponse(name = RestApplication.FORBIDDEN, responseCode = "403",
                    description = "The caller's account is not an admin (now: a demoted or disabled admin's token "
                            + "stops working at once).",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ApiError"),
                            example = "{\"error\":\"forbidden\",\"message\":\"This needs an admin account.\"}")),
            @APIResponse(name = RestApplication.NOT_FOUND, responseCode = "404",
                    description = "No such task, or a task of another account (the same answer, so that ids of "
                            + "others' tasks cannot be probed), or a task without that file yet.",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ApiError"),
                            example = "{\"error\":\"not_found\",\"message\":\"There is no such task.\"}")),
            @APIResponse(name = RestApplication.NOT_ACCEPTABLE, responseCode = "406",
                    description = "The `Accept` header rules out JSON (the API answers errors as JSON).",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ApiError"),
                            example = "{\"error\":\"not_acceptable\",\"message\":\"This address answers JSON "
                                    + "(application/json) only.\"}")),
            @APIResponse(name = RestApplication.INTERNAL_ERROR, responseCode = "500",
                    description = "An unexpected error on the studio's side; the message carries a reference "
                            + "to quote to the admin, never details.",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(ref = "ApiError"),
                            example = "{\"error\":\"internal_error\",\"message\":\"Something went wrong on "
                                    + "our side; it has been logged. (reference 3f2a9c1e)\"}"))}))
@SecurityScheme(securitySchemeName = RestApplication.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "wan_…",
        description = "A personal API token, made by a signed-in user on the studio's \"API tokens\" page "
                + "(`/account/tokens.xhtml`) and shown once; send it as `Authorization: Bearer <token>`. The "
                + "token acts as its owner: the API shows only that account's tasks.")
public class RestApplication extends Application {
    /** Names in the OpenAPI document (security scheme, tags, shared responses). */
    public static final String BEARER = "bearerToken";
    public static final String TASKS_TAG = "tasks";
    public static final String PROVIDER_TAG = "provider";
    public static final String ADMIN_TAG = "admin";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String NOT_FOUND = "NotFound";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_ACCEPTABLE = "NotAcceptable";
    public static final String INTERNAL_ERROR = "InternalError";
    public static final String VIDEO_FILE = "VideoFile";
    public static final String POSTER_FILE = "PosterFile";

    static final String DESCRIPTION = "Turn images into short videos with the Wan 2.7 image-to-video model "
            + "(Novita AI) through this studio. Submit a task with `POST /api/v1/tasks`, either as JSON giving the "
            + "inputs as URLs, or as a `multipart/form-data` form carrying the files; then poll "
            + "`GET /api/v1/tasks/{id}` until `state` is `COMPLETED` (or `FAILED`), and download "
            + "`links.video`. Every request is checked against the provider's rules before anything is paid "
            + "for; a refused request is a 400 naming each field at fault.\n\n"
            + "Every call needs `Authorization: Bearer <token>` with a personal API token (see the security "
            + "scheme). Errors always have the JSON shape `ApiError`.";
}
