package io.glasshouse.statuspage.v2;

import io.glasshouse.rollup.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves {@link PublishedStatus}'s precomputed answers: {@code GET}, {@code HEAD} and CORS preflight
 * {@code OPTIONS} on {@code /api/v2/*} and {@code /badges/*}, open to every origin ({@code
 * Access-Control-Allow-Origin: *}; they are public and read-only). Each answer is sent brotli- or gzip-encoded when
 * the client accepts it ({@code Vary: Accept-Encoding}), with a strong {@code ETag} per encoding, {@code
 * Last-Modified} and a short {@code Cache-Control}; {@code If-None-Match} (or, without it, {@code
 * If-Modified-Since}) that still holds is answered {@code 304} without a body. Paths it does not know fall through
 * to the next route (the server's 404).
 */
public final class StatuspageApi {
  /** Clients and caches may reuse an answer this long (seconds) before revalidating. */
  static final int MAX_AGE = 10;
  private static final String CACHE_CONTROL = "public, max-age=" + MAX_AGE;
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private StatuspageApi() {
  }

  /** Adds the routes to {@code router}; nothing global. */
  public static void mount(Router router, PublishedStatus published) {
    for (String prefix : new String[] {"/api/v2/*", "/badges/*"}) {
      router.route(prefix).method(HttpMethod.GET).method(HttpMethod.HEAD).method(HttpMethod.OPTIONS)
          .handler(ctx -> serve(ctx, published));
    }
  }

  private static void serve(RoutingContext ctx, PublishedStatus published) {
    Optional<Representation> found = published.get(ctx.request().path());
    if (found.isEmpty()) {
      if (!published.ready()) {
        Problem.of(503, "not-ready", "Not ready yet", "The status answers are being computed for the first time; "
            + "retry in a second.").withRetryAfter(java.time.Duration.ofSeconds(1)).write(ctx.response());
        return;
      }
      ctx.next();
      return;
    }
    HttpServerRequest req = ctx.request();
    HttpServerResponse res = ctx.response();
    res.putHeader("Access-Control-Allow-Origin", "*");
    if (req.method() == HttpMethod.OPTIONS) {
      res.putHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
          .putHeader("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since, Cache-Control")
          .putHeader("Access-Control-Max-Age", "86400")
          .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY)
          .setStatusCode(204).end();
      return;
    }
    Representation r = found.get();
    String encoding = encoding(req.headers().get(HttpHeaders.ACCEPT_ENCODING), r.brotli() != null);
    byte[] body = switch (encoding) {
      case "br" -> r.brotli();
      case "gzip" -> r.gzip();
      default -> r.identity();
    };
    String etag = "\"" + r.tag() + (encoding.equals("identity") ? "" : "-" + encoding) + "\"";
    res.putHeader("Access-Control-Expose-Headers", "ETag, Last-Modified")
        .putHeader(HttpHeaders.VARY, "Accept-Encoding")
        .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(r.lastModified()))
        .putHeader("X-Content-Type-Options", "nosniff");
    if (notModified(req.headers(), r)) {
      res.putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY).setStatusCode(304).end();
      return;
    }
    res.putHeader(HttpHeaders.CONTENT_TYPE, r.contentType())
        .putHeader(HttpHeaders.CONTENT_ENCODING, encoding.equals("identity") ? HttpHeaders.IDENTITY : encoding);
    if (req.method() == HttpMethod.HEAD) {
      res.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).end();
    } else {
      res.end(Buffer.buffer(body));
    }
  }

  /** {@code If-None-Match} wins over {@code If-Modified-Since} (RFC 9110, 13.2.2). */
  static boolean notModified(MultiMap headers, Representation r) {
    String inm = headers.get(HttpHeaders.IF_NONE_MATCH);
    if (inm != null) {
      for (String t : inm.split(",")) {
        String tag = t.trim();
        if (tag.equals("*")) {
          return true;
        }
        if (tag.startsWith("W/")) {
          tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        int dash = tag.indexOf('-');
        if ((dash < 0 ? tag : tag.substring(0, dash)).equals(r.tag())) {
          return true;
        }
      }
      return false;
    }
    String ims = headers.get(HttpHeaders.IF_MODIFIED_SINCE);
    if (ims != null) {
      try {
        return !r.lastModified().isAfter(Instant.from(HTTP_DATE.parse(ims.trim())));
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  /** The best encoding the client accepts: brotli, then gzip, else identity. */
  static String encoding(String acceptEncoding, boolean brotli) {
    if (acceptEncoding == null) {
      return "identity";
    }
    double br = 0;
    double gzip = 0;
    double star = 0;
    boolean brSeen = false;
    boolean gzipSeen = false;
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.trim().split(";");
      String coding = p[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < p.length; i++) {
        String param = p[i].trim();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      switch (coding) {
        case "br" -> {
          br = q;
          brSeen = true;
        }
        case "gzip", "x-gzip" -> {
          gzip = q;
          gzipSeen = true;
        }
        case "*" -> star = q;
        default -> {
        }
      }
    }
    br = brSeen ? br : star;
    gzip = gzipSeen ? gzip : star;
    if (brotli && br > 0 && br >= gzip) {
      return "br";
    }
    return gzip > 0 ? "gzip" : "identity";
  }
}
