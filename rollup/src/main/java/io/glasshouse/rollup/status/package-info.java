/**
 * Component status: which components there are, the status each has (derived from SLO burn and service
 * liveness, or overridden by a person), the overall page indicator, and daily history.
 *
 * <h2>Rules</h2>
 * Statuses are Statuspage's ({@link io.glasshouse.rollup.status.ComponentStatus}). Each evaluation reads plain
 * {@link io.glasshouse.rollup.status.StatusInputs}: per SLO its category and burn rates over 5m, 30m, 1h, 2h, 6h,
 * 1d and 3d; per service its live instances and whether it should have some; the active maintenances; the statuses
 * open incidents declare ({@link io.glasshouse.rollup.status.DeclaredStatus}). The rules,
 * in precedence order ({@link io.glasshouse.rollup.status.StatusRule}):
 * <table>
 *   <caption>Status rules</caption>
 *   <tr><th>rule</th><th>fires when</th><th>status</th></tr>
 *   <tr><td>override</td><td>staff set a status, until its expiry</td><td>as set</td></tr>
 *   <tr><td>incident</td><td>an open incident declares a status worse than the one the rules below give
 *       (an incident never hides a worse derived status)</td><td>as declared</td></tr>
 *   <tr><td>maintenance</td><td>a maintenance of the component is active</td><td>under maintenance</td></tr>
 *   <tr><td>no_live_instance</td><td>a service the component lists has no live instance, and should have
 *       (not during the start-up grace)</td><td>major outage</td></tr>
 *   <tr><td>availability_burn_1h_5m</td><td>an availability SLO (ratio or boolean SLI) burns above 14.4 over
 *       both 1h and 5m</td><td>major outage</td></tr>
 *   <tr><td>availability_burn_6h_30m</td><td>an availability SLO burns above 6 over both 6h and 30m</td>
 *       <td>partial outage</td></tr>
 *   <tr><td>latency_burn_1h_5m, latency_burn_6h_30m</td><td>a latency SLO burns at those speeds</td>
 *       <td>degraded performance</td></tr>
 *   <tr><td>all_clear</td><td>nothing fires</td><td>operational</td></tr>
 * </table>
 * The thresholds are the SRE workbook's page tiers for a 30-day SLO (2% of the budget in an hour, 5% in six
 * hours), configurable as {@code components.burn-1h-5m} and {@code components.burn-6h-30m}; the short window
 * makes a rule stop firing soon after the burn stops. The workbook's ticket tiers (1d/2h above 3, 3d/6h above 1)
 * change no status: a slow burn is for staff to look at, not something customers experience. A window without
 * traffic has no burn rate and never fires. Several rules may fire at once; the worst status wins and every firing
 * rule is listed ({@link io.glasshouse.rollup.status.ComponentState#firing()}), each with its figures (SLO, window
 * pair, burn rates, threshold, budget remaining, or the service) and since when it has held
 * ({@link io.glasshouse.rollup.status.StatusReason}).
 *
 * <h2>Hysteresis</h2>
 * A worse derived status shows at once; a better one only after it held for {@code components.improve-after}
 * (10 min) without a break, and then the status improves to the worst one derived during that time. Maintenance
 * incident declarations and overrides apply and end at once. See {@link io.glasshouse.rollup.status.StatusBoard}.
 *
 * <h2>Page indicator</h2>
 * {@link io.glasshouse.rollup.status.PageStatus}: Statuspage's top-level blend of the public components
 * (private components never move the public page).
 *
 * <h2>History</h2>
 * Per component and UTC day, the time spent in each status as the evaluator observed it
 * ({@link io.glasshouse.rollup.status.DailyStatus}); uptime = 1 − Σ weight × time / (observed − maintenance), with
 * weights major outage 1, partial outage 0.3, degraded performance 0 by default
 * ({@link io.glasshouse.rollup.status.UptimeWeights}). Stored through
 * {@link io.glasshouse.rollup.status.StatusHistoryStore} (SQLite: {@code store.sqlite.SqliteStatusStore}), kept
 * for {@code components.history-retention} (400 days); snapshots carry the last 90 days.
 *
 * <h2>Running</h2>
 * {@link io.glasshouse.rollup.status.StatusEvaluator} evaluates every {@code components.evaluate-every} (10 s) on a
 * worker thread and publishes an immutable {@link io.glasshouse.rollup.status.StatusSnapshot}; overrides are
 * stored with an audit record ({@link io.glasshouse.rollup.status.OverrideStore}) before they take effect.
 */
package io.glasshouse.rollup.status;
