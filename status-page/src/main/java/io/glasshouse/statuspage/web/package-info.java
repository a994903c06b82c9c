/**
 * The HTML side of the status page module: the jte template engine setup ({@link
 * io.glasshouse.statuspage.web.Pages}), the shared layout's {@link io.glasshouse.statuspage.web.Frame} and the
 * shared assets under {@code /assets/}. The public status page and the staff view both build on it.
 */
package io.glasshouse.statuspage.web;
