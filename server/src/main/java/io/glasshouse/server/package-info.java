/** The launcher: {@link io.glasshouse.server.Main} parses commands, {@link io.glasshouse.server.Glasshouse} wires. */
package io.glasshouse.server;
