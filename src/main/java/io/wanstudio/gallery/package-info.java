/**
 * Finished videos for the people who made them: each task's video and poster are served by task id, only to the
 * task's owner, with HTTP byte ranges so that browsers can seek and stream. Files in the media store are never
 * reachable by their path.
 */
package io.wanstudio.gallery;
