package io.glasshouse.statuspage.feed;

import io.glasshouse.rollup.problem.Problem;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The public feeds of published incidents and maintenance, at Statuspage's paths: {@code GET /history.atom}
 * (Atom 1.0) and {@code GET /history.rss} (RSS 2.0), the {@value #ENTRIES} most recently created, newest first.
 * Public, no token. Answers carry a strong {@code ETag} (a digest of the bytes) and {@code Last-Modified} (the
 * latest change of an entry); {@code If-None-Match} or {@code If-Modified-Since} that still hold get 304.
 */
public final class FeedRoutes {
  public static final String ATOM = "/history.atom";
  public static final String RSS = "/history.rss";
  /** Entries per feed. */
  public static final int ENTRIES = 50;

  private FeedRoutes() {
  }

  /**
   * Mounts both feeds.
   *
   * @param publicUrl the page's public base URL (links and ids in the feeds)
   * @param pageName the page's name (the feeds' title and author)
   * @param clock the feeds' {@code updated} when there is no incident yet is the time of mounting
   */
  public static void mount(Router router, IncidentLog log, String publicUrl, String pageName, Clock clock) {
    String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    FeedWriter writer = new FeedWriter(base, pageName);
    Instant empty = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    router.get(ATOM).handler(ctx -> serve(ctx, log, empty, "application/atom+xml; charset=utf-8", writer::atom));
    router.get(RSS).handler(ctx -> serve(ctx, log, empty, "application/rss+xml; charset=utf-8", writer::rss));
  }

  private interface Format {
    byte[] write(List<Incident> incidents, Instant updated);
  }

  private static void serve(RoutingContext ctx, IncidentLog log, Instant empty, String type, Format format) {
    List<Incident> incidents;
    try {
      incidents = log.all().stream().limit(ENTRIES).toList();
    } catch (RuntimeException e) {
      Problem.of(503, "incidents-unavailable", "Incidents unavailable", "The incident log could not be read; try "
          + "again shortly.").withRetryAfter(java.time.Duration.ofSeconds(5)).with("instance", ctx.request().path())
          .write(ctx.response());
      return;
    }
    Instant updated = incidents.stream().map(Incident::updatedAt).max(Instant::compareTo).orElse(empty)
        .truncatedTo(ChronoUnit.SECONDS);
    byte[] body = format.write(incidents, updated);
    String etag = "\"" + digest(body) + "\"";
    String lastModified = FeedWriter.RFC_822.format(updated);
    ctx.response().putHeader("ETag", etag).putHeader("Last-Modified", lastModified)
        .putHeader("Cache-Control", "public, max-age=30").putHeader("Vary", "Accept-Encoding");
    if (notModified(ctx, etag, updated)) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", type).end(io.vertx.core.buffer.Buffer.buffer(body));
  }

  private static boolean notModified(RoutingContext ctx, String etag, Instant updated) {
    String inm = ctx.request().getHeader("If-None-Match");
    if (inm != null) {
      for (String t : inm.split(",")) {
        String tag = t.trim();
        if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }
    String ims = ctx.request().getHeader("If-Modified-Since");
    if (ims != null) {
      try {
        return !updated.isAfter(ZonedDateTime.parse(ims, FeedWriter.RFC_822).toInstant());
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  private static String digest(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
