/**
 * Everything people and programs read from Glasshouse. Today: the JSON read API
 * ({@link io.glasshouse.statuspage.api}); later the public status page, the Statuspage-compatible API, the staff
 * view and forecast reports. {@link io.glasshouse.statuspage.StatusPageRoutes} is the one entry point the
 * server mounts.
 */
package io.glasshouse.statuspage;
