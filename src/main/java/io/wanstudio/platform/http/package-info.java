/**
 * HTTP helpers shared by every place that serves files: byte ranges, conditional requests, streaming.
 */
package io.wanstudio.platform.http;
