/**
 * Files outside the web root: uploads (inspected by content and checked against rules given by the caller),
 * result videos and posters, signed expiring links, and the SSRF-guarded fetch of user-given URLs.
 */
package io.wanstudio.media;
