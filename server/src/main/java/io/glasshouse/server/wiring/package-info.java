/**
 * How the server puts its modules together: each module's start-up and shutdown in a class of its own, and the one
 * {@link io.glasshouse.server.wiring.Closeables} list a start-up registers every started part in.
 */
package io.glasshouse.server.wiring;
