/**
 * Each user's library of results: finished videos and posters served by task id, only to the task's owner, with
 * HTTP byte ranges so that browsers can seek and stream (files in the media store are never reachable by their
 * path); and the library's data side ({@link io.wanstudio.gallery.GalleryService}): keyset-paginated pages by
 * filter, search and sort, favourites, tags, deleting rows then files, and lineage chains.
 */
package io.wanstudio.gallery;
