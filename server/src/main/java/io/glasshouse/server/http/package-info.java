/** The HTTP side of the server: one verticle per event loop carrying every route, plus health and metrics. */
package io.glasshouse.server.http;
