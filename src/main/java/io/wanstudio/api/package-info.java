/**
 * The JSON API for automation ({@code /api/v1}): submit tasks with media URLs, upload tokens or files in one
 * multipart request, list and read them, fetch their videos and posters. Callers authenticate with personal API
 * tokens; resources only translate between HTTP and the services of {@code generation} and {@code gallery}.
 */
package io.wanstudio.api;
