/**
 * Who may do what: named bearer tokens with scopes ({@link io.glasshouse.rollup.access.Scope#INGEST},
 * {@link io.glasshouse.rollup.access.Scope#READ}, {@link io.glasshouse.rollup.access.Scope#ADMIN}), the one
 * constant-time check ({@link io.glasshouse.rollup.access.AccessTokens}) and the one Vert.x handler that
 * enforces it ({@link io.glasshouse.rollup.access.AccessHandler}).
 *
 * <p>Answers, everywhere: a missing token, an unknown token and a known token without the scope all get the
 * same 401 (with {@code WWW-Authenticate: Bearer}), so probing never tells a caller whether a token exists or
 * what it may do. 403 is kept for one case: no configured token carries the scope at all (the feature is off),
 * with a detail saying which key turns it on. Secrets are never logged or echoed; only token names appear in
 * logs and the config audit trail.
 */
package io.glasshouse.rollup.access;
