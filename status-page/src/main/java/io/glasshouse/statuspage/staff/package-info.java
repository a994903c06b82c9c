/**
 * The staff view ({@code /staff…}): a login that turns a token with the {@code read} scope into a session cookie
 * ({@link io.glasshouse.statuspage.staff.StaffLogin}, {@link io.glasshouse.statuspage.staff.StaffSessions}), an
 * overview of every component, service, SLO and alert, one page per SLO with server-side SVG charts
 * ({@link io.glasshouse.statuspage.staff.SvgChart}) and one page per service's instances with outliers marked.
 * Mounted by {@link io.glasshouse.statuspage.staff.StaffRoutes}; rendered with the shared layout and CSS of
 * {@code statuspage.web}.
 */
package io.glasshouse.statuspage.staff;
