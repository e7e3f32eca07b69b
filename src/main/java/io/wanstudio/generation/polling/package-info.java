/**
 * Follows submitted tasks to the end: one managed schedule for all tasks claims due ones by conditional update
 * (so two instances never poll one task), asks the provider with adaptive delays, and copies finished videos
 * into the media store before the provider's links expire.
 */
package io.wanstudio.generation.polling;
