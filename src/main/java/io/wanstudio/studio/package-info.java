/**
 * The create pages: what a team member fills in to make a video, with prices shown before paying, and the live
 * list of their tasks (pushed over the Faces websocket, never polled by the browser). Beans stay thin and forward
 * to {@code generation}.
 */
package io.wanstudio.studio;
