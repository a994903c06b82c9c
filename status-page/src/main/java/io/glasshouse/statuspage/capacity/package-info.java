/**
 * The capacity API ({@code /api/v1/capacity}), the staff capacity report ({@code /reports/capacity}, with CSV and
 * JSON downloads) and the offline report command.
 *
 * <p>Everything here renders the {@link io.glasshouse.rollup.capacity.CapacityPlanner}'s last result; nothing
 * forecasts on a request. The pure renderers, one per output ({@link
 * io.glasshouse.statuspage.capacity.CapacityJson}, {@link io.glasshouse.statuspage.capacity.CapacityCsv}, {@link
 * io.glasshouse.statuspage.capacity.CapacityHtml} with {@link io.glasshouse.statuspage.capacity.CapacityChart}),
 * are shared by the routes and {@link io.glasshouse.statuspage.capacity.ReportCommand}.
 */
package io.glasshouse.statuspage.capacity;
