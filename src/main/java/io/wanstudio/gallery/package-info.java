/**
 * Finished videos for the people who made them: each task's video and poster are served by task id, only to the
 * task's owner, with HTTP byte ranges so that browsers can seek and stream, and saved under a meaningful name
 * ({@link io.wanstudio.gallery.DownloadNames}); several at once as a streamed zip. Files in the media store are
 * never reachable by their path. A video can be shared through an expiring, revocable link that opens it, and
 * nothing else, without an account ({@link io.wanstudio.gallery.ShareService}), and an extension chain can be
 * stitched into one film ({@link io.wanstudio.gallery.StitchService}).
 */
package io.wanstudio.gallery;
