/** Configuration: the YAML file, {@code GLASSHOUSE_*} environment overrides, and the {@code server} section. */
package io.glasshouse.server.config;
