/**
 * The config API: {@code /api/v1/config/...} routes over the {@link io.glasshouse.rollup.config.ConfigRegistry},
 * every one behind a token with the {@code admin} scope, and the wiring of the kinds this server knows.
 */
package io.glasshouse.server.configapi;
