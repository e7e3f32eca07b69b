package io.wanstudio.gallery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of an owner's tags and on how many of their tasks it is: an entry of the gallery's tag filter. */
@Schema(name = "TagCount", requiredProperties = {"tag", "count"})
public record TagCount(@Schema(example = "harbour") String tag,
        @Schema(description = "How many of your tasks have it.", example = "3") long count) {
}
