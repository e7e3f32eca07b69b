/**
 * Generation tasks and the money rules around them: a request is validated against every provider rule before
 * anything is paid for, stored as SUBMITTING before the paid POST, and moves through its states only by the
 * guarded transitions of {@link io.wanstudio.generation.GenerationTask}.
 */
package io.wanstudio.generation;
