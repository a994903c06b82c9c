package io.glasshouse.statuspage.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the hand-written OpenAPI 3.1 document, the classpath resource {@code /openapi.yaml}. It is read once
 * per JVM, when the read API is first mounted (a one-off read of a small file from the module's own jar), never
 * while answering a request.
 */
final class OpenApiDocument {
  static final String RESOURCE = "/openapi.yaml";
  private static final byte[] DOCUMENT = load();

  private OpenApiDocument() {
  }

  /**
   * A handler answering the document as {@code text/yaml}, shown inline (a browser displays it rather than
   * downloading it); each response gets its own buffer, so event loops share nothing mutable.
   */
  static Handler<RoutingContext> handler() {
    return ctx -> ctx.response().putHeader("content-type", "text/yaml; charset=utf-8")
        .putHeader("content-disposition", "inline; filename=\"openapi.yaml\"")
        .putHeader("x-content-type-options", "nosniff")
        .end(Buffer.buffer(DOCUMENT));
  }

  private static byte[] load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the status-page jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
