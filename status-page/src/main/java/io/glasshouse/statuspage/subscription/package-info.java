/**
 * Customer webhook subscriptions: registering and removing them ({@link
 * io.glasshouse.statuspage.subscription.SubscriptionRoutes}), storing them ({@link
 * io.glasshouse.statuspage.subscription.SubscriptionStore}), and delivering incident and component status changes
 * as Statuspage-shaped JSON signed with HMAC-SHA256 ({@link io.glasshouse.statuspage.subscription.WebhookSignature}),
 * retried with backoff ({@link io.glasshouse.statuspage.subscription.Subscriptions}).
 */
package io.glasshouse.statuspage.subscription;
