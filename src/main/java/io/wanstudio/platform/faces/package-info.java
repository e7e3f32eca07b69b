/**
 * Faces plumbing shared by all pages: messages at their fields, redirects, the CSP nonce on Mojarra's scripts,
 * and a friendly way back from an expired page.
 */
package io.wanstudio.platform.faces;
