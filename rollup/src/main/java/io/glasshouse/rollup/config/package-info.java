/**
 * Configuration: typed reads of configuration values ({@link io.glasshouse.rollup.config.ConfigValues}), and
 * configuration objects managed at runtime, the core of the config API: a {@link
 * io.glasshouse.rollup.config.ConfigKind} per kind of object (its JSON codec and validation), the live
 * {@link io.glasshouse.rollup.config.ConfigRegistry} consumers subscribe to, its persistence
 * ({@link io.glasshouse.rollup.config.ConfigStore}) and the audit trail ({@link io.glasshouse.rollup.config.AuditEntry}).
 */
package io.glasshouse.rollup.config;
