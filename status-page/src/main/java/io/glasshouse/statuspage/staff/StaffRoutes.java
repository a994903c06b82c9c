package io.glasshouse.statuspage.staff;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.statuspage.capacity.CapacityHtml;
import io.glasshouse.statuspage.web.Frame;
import io.glasshouse.statuspage.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The staff view: HTML pages for people on call, behind a login with a token carrying the {@code read} scope.
 *
 * <ul>
 *   <li>{@code GET /staff/login}, {@code POST /staff/login} (form field {@code token}): sign in once; a session
 *       cookie follows (see {@link StaffLogin}); a refused token gets the form again, 401, saying only that it was
 *       not accepted
 *   <li>{@code POST /staff/logout}: ends the session and clears the cookie
 *   <li>{@code GET /staff}: every component and service, SLOs by budget remaining, active and recent alerts
 *   <li>{@code GET /staff/slos/:name}: one SLO's budget over the window and burn rates, charted and tabled
 *   <li>{@code GET /staff/services/:service/instances}: instances against their peers, outliers first
 *   <li>{@code GET /staff/capacity}: the capacity report
 *   <li>{@code GET /staff/alerts}: active alerts with their figures, recently resolved alerts, silences and the
 *       notification log; {@code POST /staff/alerts/silences} (form: {@code matchers}, {@code duration},
 *       {@code comment}, {@code csrf}) and {@code POST /staff/alerts/silences/:id/expire} (form: {@code csrf}) need
 *       the admin scope and the session's form token (see {@link SilenceForm})
 * </ul>
 *
 * <p>Pages without a session redirect to the login form (303); a wrong {@code Authorization} header gets 401.
 * Create one instance per server (it holds the sessions) and {@link #mount} it on every verticle's router.
 */
public final class StaffRoutes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaffRoutes.class);
  private static final int MAX_FORM = 4096;
  private static final String CAPACITY_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; "
      + "img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final StaffSources sources;
  private final StaffOptions options;
  private final StaffLogin login;
  private final StaffSessions sessions;

  /** The staff view over {@code sources}, admitting tokens of {@code access} that carry the read scope. */
  public StaffRoutes(StaffSources sources, AccessTokens access, StaffOptions options) {
    this.sources = sources;
    this.options = options;
    this.sessions = new StaffSessions(sources.clock(), options.sessionTtl(), options.maxSessions());
    this.login = new StaffLogin(access, sessions, options);
  }

  /** The sessions (for tests and metrics). */
  public StaffSessions sessions() {
    return sessions;
  }

  /** Adds the routes listed above; nothing global. */
  public void mount(Router router) {
    router.get("/staff/login").handler(this::loginForm);
    router.post("/staff/login").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM)).handler(this::signIn);
    router.post("/staff/logout").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM)).handler(ctx -> {
      login.signOut(ctx);
      redirect(ctx, "/staff/login");
    });
    Handler<RoutingContext> guard = this::guard;
    router.get("/staff").handler(guard).handler(this::overview).failureHandler(this::failed);
    router.get("/staff/slos/:name").handler(guard).handler(this::slo).failureHandler(this::failed);
    router.get("/staff/services/:service/instances").handler(guard).handler(this::instances)
        .failureHandler(this::failed);
    router.get("/staff/capacity").handler(guard).handler(this::capacity).failureHandler(this::failed);
    mountAlerts(router, guard);
  }

  /** A failure renders a page saying so; the cause goes to the log, never to the page. */
  private void failed(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    int status = ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 500;
    if (status == 500) {
      LOG.warn("staff page {} failed", ctx.request().path(), ctx.failure());
    }
    notFound(ctx, status, status == 500 ? "Something went wrong" : "Request not understood", status == 500
        ? "This page could not be built just now; the server log says why. Reload to try again."
        : "The request could not be read; start again from the overview.");
  }

  /** The path of a service's instances page. */
  public static String instancesHref(String service) {
    return "/staff/services/" + segment(service) + "/instances";
  }

  /** The path of an SLO's page. */
  public static String sloHref(String name) {
    return "/staff/slos/" + segment(name);
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private void guard(RoutingContext ctx) {
    switch (login.identify(ctx)) {
      case SIGNED_IN -> ctx.next();
      case NONE -> redirect(ctx, "/staff/login");
      case REFUSED -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        sendLogin(ctx, 401, "That token was not accepted. Sign in with a token that has the read scope.");
      }
    }
  }

  private void loginForm(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") == null && login.identify(ctx) == StaffLogin.Outcome.SIGNED_IN) {
      redirect(ctx, "/staff");
      return;
    }
    sendLogin(ctx, 200, null);
  }

  private void signIn(RoutingContext ctx) {
    if (login.signIn(ctx, ctx.request().getFormAttribute("token"))) {
      redirect(ctx, "/staff");
      return;
    }
    sendLogin(ctx, 401, "That token was not accepted. Paste a token that has the read scope.");
  }

  private void sendLogin(RoutingContext ctx, int status, String message) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame("Sign in", null, false));
    params.put("message", message);
    send(ctx, status, "staff/login.jte", params);
  }

  private void overview(RoutingContext ctx) {
    sources.reader().services().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      OverviewPage page = OverviewPage.of(sources, ar.result());
      Map<String, Object> params = page(ctx, "Staff overview", "/staff");
      params.put("page", page);
      params.put("now", sources.clock().instant());
      send(ctx, 200, "staff/overview.jte", params);
    });
  }

  private void slo(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Optional<SloReport> r = sources.slos() == null ? Optional.empty() : sources.slos().latest().report(name);
    if (r.isEmpty()) {
      boolean defined = sources.slos() != null
          && sources.slos().definitions().stream().anyMatch(d -> d.name().equals(name));
      notFound(ctx, defined ? 503 : 404, defined ? "SLO not evaluated yet" : "Unknown SLO", defined
          ? "SLO " + name + " is defined but not evaluated yet; reload after the next refresh."
          : "There is no SLO named " + name + ". The overview lists every SLO.");
      return;
    }
    Map<String, Object> params = page(ctx, "SLO " + name, null);
    params.put("page", SloPage.of(r.get()));
    send(ctx, 200, "staff/slo.jte", params);
  }

  private void instances(RoutingContext ctx) {
    String service = ctx.pathParam("service");
    sources.reader().services().compose(all -> {
      if (all.stream().noneMatch(s -> s.service().equals(service))) {
        return Future.succeededFuture((InstancesPage) null);
      }
      return sources.reader().instanceHealth(service).map(h -> InstancesPage.of(service, h));
    }).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        notFound(ctx, 404, "Unknown service", "No service named " + service + " has sent data. The overview lists "
            + "every service.");
      } else {
        Map<String, Object> params = page(ctx, "Instances of " + service, null);
        params.put("page", ar.result());
        send(ctx, 200, "staff/instances.jte", params);
      }
    });
  }

  private void capacity(RoutingContext ctx) {
    if (sources.capacity() == null) {
      notFound(ctx, 404, "No capacity report", "No capacity indicators are configured (capacity.indicators).");
      return;
    }
    Optional<CapacityResult> latest = sources.capacity().latest();
    if (latest.isEmpty()) {
      notFound(ctx, 503, "Capacity forecasts not computed yet", "The first capacity refresh has not finished; "
          + "reload in a minute.");
      return;
    }
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", CAPACITY_CSP)
        .end(CapacityHtml.html(latest.get(), CapacityHtml.Links.NONE, "/reports/capacity.js"));
  }

  private void notFound(RoutingContext ctx, int status, String title, String detail) {
    Map<String, Object> params = page(ctx, title, null);
    params.put("title", title);
    params.put("detail", detail);
    send(ctx, status, "staff/problem.jte", params);
  }

  private Map<String, Object> page(RoutingContext ctx, String title, String current) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame(title, current, true));
    StaffSessions.Session s = ctx.get(StaffLogin.SESSION_KEY);
    params.put("who", s == null ? null : s.tokenName());
    params.put("cookie", s != null && s.expiresAt() != null);
    return params;
  }

  private Frame frame(String title, String current, boolean signedIn) {
    List<Frame.Link> nav = new ArrayList<>();
    if (signedIn) {
      nav.add(new Frame.Link("/staff", "Overview"));
      if (sources.capacity() != null) {
        nav.add(new Frame.Link("/staff/capacity", "Capacity"));
      }
      if (sources.alerts() != null) {
        nav.add(new Frame.Link("/staff/alerts", "Alerts"));
      }
    }
    return new Frame(title, options.siteName() + " staff", null, nav, current, List.of());
  }

  private static void send(RoutingContext ctx, int status, String template, Map<String, Object> params) {
    ctx.response().putHeader("Cache-Control", "no-store");
    Pages.send(ctx, status, Pages.render(template, params));
  }

  private static void redirect(RoutingContext ctx, String to) {
    ctx.response().setStatusCode(303).putHeader("Location", to).putHeader("Cache-Control", "no-store").end();
  }

  private void mountAlerts(Router router, Handler<RoutingContext> guard) {
    router.get("/staff/alerts").handler(guard).handler(ctx -> alertsPage(ctx, 200, null,
        prefill(ctx.request().getParam("silence")))).failureHandler(this::failed);
    router.post("/staff/alerts/silences").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM)).handler(guard)
        .handler(this::writeGuard).handler(this::createSilence).failureHandler(this::failed);
    router.post("/staff/alerts/silences/:id/expire").handler(BodyHandler.create(false).setBodyLimit(MAX_FORM))
        .handler(guard).handler(this::writeGuard).handler(this::expireSilence).failureHandler(this::failed);
  }

  private void alertsPage(RoutingContext ctx, int status, String message, String matchers) {
    if (sources.alerts() == null) {
      notFound(ctx, 404, "Alerting is not configured", "No alert rules are configured (alerts.rules).");
      return;
    }
    Map<String, Object> params = page(ctx, "Alerts", "/staff/alerts");
    params.put("page", AlertsPage.of(sources.alerts(), SilenceForm.canWrite(ctx), SilenceForm.token(ctx)));
    params.put("now", sources.clock().instant());
    params.put("message", message);
    params.put("matchers", matchers == null ? "" : matchers);
    send(ctx, status, "staff/alerts.jte", params);
  }

  /** The matchers of the alert with fingerprint {@code fp}, to prefill the new-silence form; empty when none. */
  private String prefill(String fp) {
    if (fp == null || sources.alerts() == null) {
      return "";
    }
    return sources.alerts().alerts().stream().filter(a -> a.fingerprint().equals(fp)).findFirst()
        .map(a -> AlertsPage.matchers(a)).orElse("");
  }

  /** Writes need alerting, the admin scope and the session's form token; anything else gets a page saying so. */
  private void writeGuard(RoutingContext ctx) {
    if (sources.alerts() == null) {
      notFound(ctx, 404, "Alerting is not configured", "No alert rules are configured (alerts.rules).");
    } else if (!SilenceForm.canWrite(ctx)) {
      notFound(ctx, 403, "Not allowed", "Creating or expiring silences needs a token with the admin scope; this "
          + "session's token can read only. Sign in with an admin token.");
    } else if (!SilenceForm.tokenMatches(ctx)) {
      notFound(ctx, 403, "Form expired", "This form does not belong to your session (it may predate your last "
          + "sign-in). Open the alerts page again and resubmit.");
    } else {
      ctx.next();
    }
  }

  private void createSilence(RoutingContext ctx) {
    SilenceForm.NewSilence form;
    try {
      form = SilenceForm.read(ctx);
    } catch (IllegalArgumentException e) {
      alertsPage(ctx, 400, "Silence not created. " + e.getMessage(), ctx.request().getFormAttribute("matchers"));
      return;
    }
    StaffSessions.Session s = ctx.get(StaffLogin.SESSION_KEY);
    java.time.Instant now = sources.clock().instant();
    sources.alerts().createSilence(form.matchers(), now, now.plus(form.duration()), s.tokenName(), form.comment())
        .onComplete(ar -> {
          if (ar.succeeded()) {
            redirect(ctx, "/staff/alerts#silences");
          } else if (ar.cause() instanceof IllegalArgumentException e) {
            alertsPage(ctx, 400, "Silence not created. " + e.getMessage(), ctx.request().getFormAttribute("matchers"));
          } else {
            ctx.fail(ar.cause());
          }
        });
  }

  private void expireSilence(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    sources.alerts().expireSilence(id).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        notFound(ctx, 404, "Unknown silence", "There is no silence " + id + ". The alerts page lists every silence.");
      } else {
        redirect(ctx, "/staff/alerts#silences");
      }
    });
  }
}
