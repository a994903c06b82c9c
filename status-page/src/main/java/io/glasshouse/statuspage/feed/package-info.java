/**
 * Atom and RSS feeds of the published incidents and maintenance ({@link io.glasshouse.statuspage.feed.FeedRoutes}):
 * {@code /history.atom} and {@code /history.rss}, as on Statuspage pages.
 */
package io.glasshouse.statuspage.feed;
