package io.wanstudio.gallery;

import io.wanstudio.generation.GenerationTask;
import java.util.List;

/**
 * One page of a gallery, in the query's order, with each task's tags loaded.
 *
 * @param nextCursor where the next page starts ({@link GalleryQuery#withCursor}); null on the last page
 */
public record GalleryPage(List<GenerationTask> items, String nextCursor) {
    public GalleryPage {
        items = List.copyOf(items);
    }
}
