/**
 * Each user's library of results: the gallery, task detail and compare pages; keyset-paginated pages by filter,
 * search and sort, favourites, tags, deleting rows then files, and lineage chains
 * ({@link io.wanstudio.gallery.GalleryService}). Finished videos and posters are served by task id, only to the
 * task's owner, with HTTP byte ranges so that browsers can seek and stream, under a meaningful name
 * ({@link io.wanstudio.gallery.DownloadNames}), several at once as a streamed zip; files in the media store are
 * never reachable by their path. A video can be shared through an expiring, revocable link that opens it, and
 * nothing else, without an account ({@link io.wanstudio.gallery.ShareService}), and an extension chain can be
 * stitched into one film ({@link io.wanstudio.gallery.StitchService}).
 */
package io.wanstudio.gallery;
