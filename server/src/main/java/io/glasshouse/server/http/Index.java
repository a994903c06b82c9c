package io.glasshouse.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /}: where everything is. A browser (its {@code Accept} names {@code text/html}) gets a page of links
 * with a line on each; a program gets the same links as JSON. Both come from one list.
 */
final class Index {
  /** One entry: its JSON key, path, and what a person finds there. */
  record Link(String key, String path, String what) {
  }

  static final List<Link> LINKS = List.of(
      new Link("statusPage", "/status", "the public status page: components, 90 days of uptime, incidents"),
      new Link("statuspageApi", "/api/v2/summary.json", "the same as Statuspage-compatible JSON (and /api/v2/*.json)"),
      new Link("feed", "/history.atom", "incidents and maintenance as an Atom feed (RSS: /history.rss)"),
      new Link("staff", "/staff", "the staff view: every SLO, component, instance and alert (read token)"),
      new Link("services", "/api/v1/services", "every service, its instances and metrics (JSON read API)"),
      new Link("capacity", "/api/v1/capacity", "capacity forecasts of every configured indicator (JSON)"),
      new Link("capacityReport", "/reports/capacity", "the capacity report for planners (staff token: ?token=…)"),
      new Link("apiDocs", "/api/docs", "the read API, readable: every path, parameter and answer"),
      new Link("readApi", "/openapi.yaml", "the read API's OpenAPI 3.1 document (YAML)"),
      new Link("metrics", "/metrics", "this server's own metrics, Prometheus text format"),
      new Link("health", "/health/ready", "ready: storage works and shutdown has not begun"));
  static final List<Link> INGEST = List.of(
      new Link("otlp", "/v1/metrics", "OTLP/HTTP metrics (protobuf or JSON)"),
      new Link("remoteWrite", "/api/v1/write", "Prometheus remote write"),
      new Link("json", "/api/v1/ingest", "Glasshouse JSON samples"));
  static final String CSP = "default-src 'none'; style-src 'self'; frame-ancestors 'none'";

  private Index() {
  }

  static void handle(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      ctx.response().putHeader("content-type", "text/html; charset=utf-8")
          .putHeader("content-security-policy", CSP)
          .putHeader("x-content-type-options", "nosniff")
          .putHeader("vary", "Accept")
          .end(html());
    } else {
      ctx.response().putHeader("vary", "Accept");
      ctx.json(json());
    }
  }

  static JsonObject json() {
    JsonObject links = new JsonObject();
    LINKS.forEach(l -> links.put(l.key(), l.path()));
    JsonObject ingest = new JsonObject();
    INGEST.forEach(l -> ingest.put(l.key(), l.path()));
    return new JsonObject().put("name", "Glasshouse").put("links", links.put("ingest", ingest));
  }

  static String html() {
    StringBuilder b = new StringBuilder("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Glasshouse</title></head>
        <body>
        <h1>Glasshouse</h1>
        <p>Observability and SLO rollup server. Programs asking for JSON get these links as JSON from this same
        address.</p>
        <h2>Read</h2>
        <ul>
        """);
    LINKS.forEach(l -> item(b, l));
    b.append("</ul>\n<h2>Send metrics</h2>\n<ul>\n");
    INGEST.forEach(l -> item(b, l));
    return b.append("</ul>\n</body></html>\n").toString();
  }

  private static void item(StringBuilder b, Link l) {
    b.append("<li><a href=\"").append(l.path()).append("\">").append(l.path()).append("</a>: ").append(l.what()
        .replace("&", "&amp;").replace("<", "&lt;")).append("</li>\n");
  }
}
