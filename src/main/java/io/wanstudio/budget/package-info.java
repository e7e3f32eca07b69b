/**
 * Prices and budgets: the per-second prices the admin sets (over the configured defaults), monthly budgets per
 * user and for the team, and the reservation a submit makes against them. A reservation is one conditional
 * UPDATE per scope inside the transaction that creates the task, so concurrent submits cannot overspend; it is
 * given back at most once when the task turns out not to be billed.
 */
package io.wanstudio.budget;
