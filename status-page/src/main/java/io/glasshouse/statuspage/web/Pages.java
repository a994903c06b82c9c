package io.glasshouse.statuspage.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;
import gg.jte.output.StringOutput;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;

/**
 * Renders the HTML pages from the jte templates under {@code src/main/jte} (compiled to Java at build time, so a
 * missing parameter or a typo fails the build, and every {@code ${...}} is HTML-escaped unless a template says
 * otherwise with {@code $unsafe}, which no template may do with user-supplied text).
 *
 * <p>Every page renders inside {@code layout.jte} with a {@link Frame}; shared CSS and scripts are served from the
 * classpath folder {@code web/} under {@code /assets/}. Pages are sent with {@link #send}, which sets the
 * Content-Security-Policy every page carries: scripts and styles only from this server, no inline script.
 */
public final class Pages {
  /** The package the jte Maven plugin generates the template classes into (see this module's pom). */
  public static final String TEMPLATE_PACKAGE = "io.glasshouse.statuspage.web.templates";

  /** The policy every HTML page is sent with: no inline script, nothing from other origins but images. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Pages.class.getClassLoader(), TEMPLATE_PACKAGE);

  private Pages() {
  }

  /**
   * Renders a template to a string.
   *
   * @param template the template's path under {@code src/main/jte}, e.g. {@code "status/page.jte"}
   * @param params the template's {@code @param}s by name
   */
  public static String render(String template, Map<String, Object> params) {
    TemplateOutput out = new StringOutput(8192);
    ENGINE.render(template, params, out);
    return out.toString();
  }

  /** Sends rendered HTML with the page headers (content type, CSP, no sniffing, no referrer across origins). */
  public static void send(RoutingContext ctx, int status, String html) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .end(html);
  }

  /** Serves the shared CSS, scripts and images (classpath {@code web/}) under {@code /assets/}. */
  public static void mountAssets(Router router) {
    router.get("/assets/*").handler(StaticHandler.create("web").setMaxAgeSeconds(3600).setIncludeHidden(false)
        .setDirectoryListing(false));
  }
}
