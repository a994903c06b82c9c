package io.glasshouse.statuspage.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A readable viewer of {@code /openapi.yaml} for people: {@code GET /api/docs} is a page running Swagger UI, whose
 * files come from the {@code org.webjars:swagger-ui} jar on the class path and are served by this server under
 * {@code /api/docs/assets/} (no CDN). The page loads no inline script; its Content-Security-Policy allows only this
 * origin's scripts and styles (Swagger UI sets inline style attributes) and forbids framing.
 */
final class ApiDocs {
  static final String PAGE = "/api/docs";
  static final String ASSETS = "/api/docs/assets/";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; frame-ancestors 'none'";
  private static final byte[] INDEX = resource("/api-docs/index.html");
  private static final byte[] INIT = resource("/api-docs/init.js");

  private ApiDocs() {
  }

  static void mount(Router router) {
    router.get(PAGE).handler(ctx -> ctx.response()
        .putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("content-security-policy", CSP)
        .putHeader("x-content-type-options", "nosniff")
        .end(Buffer.buffer(INDEX)));
    router.get(PAGE + "/init.js").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/javascript; charset=utf-8")
        .putHeader("x-content-type-options", "nosniff")
        .end(Buffer.buffer(INIT)));
    router.get(ASSETS + "*").handler(StaticHandler.create(webjarRoot()).setCachingEnabled(true)
        .setDirectoryListing(false));
  }

  /** The Swagger UI WebJar's folder on the class path, found from the version its jar records. */
  static String webjarRoot() {
    Properties p = new Properties();
    try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("org.webjars:swagger-ui is missing from the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "META-INF/resources/webjars/swagger-ui/" + p.getProperty("version");
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the status-page jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
