/**
 * The faithful Novita simulator: Novita's wan2.7-i2v submit and task-result API, served by this app under
 * {@code /simulator} (paths below it exactly Novita's), so that the product can be demonstrated and tested
 * without an API key and without paying for a single task.
 *
 * <p>Faithful means: the same JSON shapes, error bodies and HTTP codes; the same validation (through
 * {@code provider.NovitaInputRules}, and media fetched by URL like Novita does); a time-based task timeline
 * (queued, processing with progress and ETA, succeeded or failed); a real playable MP4 with sound, sized by its
 * resolution, behind a signed, expiring link; and faults on demand (5xx, gateway 502/504 pages, 429 bursts with
 * Retry-After, outages, latency, malformed bodies, a 500 after the task was created, connections dropped, cut or
 * answered late, results without a video), by configuration or at run time through the {@code _control}
 * endpoints, which also count submissions so that tests can prove that no POST was sent twice.
 *
 * <p>Tasks live in the data directory ({@code simulator/tasks/<task_id>/}), so a simulator running alone
 * ({@code WAN_ROLE=simulator}) keeps its tasks and links across restarts. Counters and run-time faults live in
 * memory only.
 */
package io.wanstudio.simulator;
