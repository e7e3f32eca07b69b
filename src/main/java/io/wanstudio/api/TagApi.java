package io.wanstudio.api;

import io.wanstudio.account.CurrentUser;
import io.wanstudio.gallery.GalleryService;
import io.wanstudio.gallery.TagCount;
import io.wanstudio.platform.RestApplication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's tags with their counts: what a tag filter offers. Tags are put on tasks under {@link TaskApi}. */
@Path("v1/tags")
@Tag(name = RestApplication.TASKS_TAG)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TagApi {
    @Inject
    CurrentUser currentUser;

    @Inject
    GalleryService gallery;

    @Schema(name = "TagList", requiredProperties = "tags", description = "Your tags by name, each with how many of "
            + "your tasks have it.")
    public record TagList(List<TagCount> tags) {
    }

    @GET
    @Operation(operationId = "listTags", summary = "List your tags with their counts")
    @APIResponse(responseCode = "200", description = "The tags.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TagList")))
    @APIResponse(responseCode = "401", ref = RestApplication.UNAUTHORIZED)
    @APIResponse(responseCode = "406", ref = RestApplication.NOT_ACCEPTABLE)
    @APIResponse(responseCode = "500", ref = RestApplication.INTERNAL_ERROR)
    public TagList list() {
        return new TagList(gallery.tagsOf(currentUser.name()));
    }
}
