package io.glasshouse.statuspage.page;

import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.web.Branding;
import io.glasshouse.statuspage.web.Frame;
import io.glasshouse.statuspage.web.Pages;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public status page: {@code GET /status}, {@code /status/history}, {@code /status/incidents/{id}} (an HTML
 * 404 page when unknown) and the live-update stream {@code /status/events}. Server-rendered from the latest
 * {@link StatusSnapshot} and the published incidents through {@link PublicView}, which shows public components
 * only; each page reads fully without JavaScript, and {@code /assets/status.js} swaps the changing sections in
 * when the stream announces a change. Pages are anonymous and read-only.
 */
public final class PublicPage {
  static final String SCRIPT = "/assets/status.js";

  private final Supplier<StatusSnapshot> snapshots;
  private final IncidentLog incidents;
  private final Branding branding;
  private final Clock clock;

  private PublicPage(Supplier<StatusSnapshot> snapshots, IncidentLog incidents, Branding branding, Clock clock) {
    this.snapshots = snapshots;
    this.incidents = incidents;
    this.branding = branding;
    this.clock = clock;
  }

  /**
   * Mounts the page routes on {@code router}; the assets ({@code /assets/status.css}, {@code /assets/status.js})
   * are served by {@link Pages#mountAssets}, which {@code StatusPageRoutes} mounts.
   *
   * @param live the server's one {@link LiveUpdates}
   */
  public static void mount(Router router, Supplier<StatusSnapshot> snapshots, IncidentLog incidents,
      Branding branding, Clock clock, LiveUpdates live) {
    PublicPage page = new PublicPage(snapshots, incidents, branding, clock);
    router.get("/status").handler(page::status);
    router.get("/status/").handler(ctx -> ctx.redirect("/status"));
    router.get("/status/history").handler(page::history);
    router.get("/status/incidents/:id").handler(page::incident);
    router.get("/status/events").handler(live::handle);
  }

  private PublicView view() {
    return new PublicView(snapshots.get(), incidents.all(), branding, clock.instant());
  }

  private void status(RoutingContext ctx) {
    PageModel.Status model = view().status();
    send(ctx, 200, "status/page.jte", frame("Current status", "/status"), Map.of("view", model));
  }

  private void history(RoutingContext ctx) {
    send(ctx, 200, "status/history.jte", frame("Incident history", "/status/history"),
        Map.of("months", view().history()));
  }

  private void incident(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Optional<Incident> found = incidents.find(id);
    if (found.isEmpty()) {
      send(ctx, 404, "status/notfound.jte", frame("Not found", null),
          Map.of("message", "There is no incident or maintenance with this address. It may have been mistyped."));
      return;
    }
    PageModel.Incident model = view().incident(found.get());
    send(ctx, 200, "status/incident.jte", frame(found.get().name(), null), Map.of("incident", model));
  }

  private Frame frame(String title, String current) {
    List<Frame.Link> nav = new ArrayList<>();
    nav.add(new Frame.Link("/status", "Status"));
    nav.add(new Frame.Link("/status/history", "History"));
    nav.addAll(branding.links());
    return new Frame(title, branding.name(), branding.logoUrl(), nav, current, List.of(SCRIPT));
  }

  private static void send(RoutingContext ctx, int status, String template, Frame frame, Map<String, Object> params) {
    java.util.HashMap<String, Object> all = new java.util.HashMap<>(params);
    all.put("frame", frame);
    ctx.response().putHeader("Cache-Control", "no-cache");
    Pages.send(ctx, status, Pages.render(template, all));
  }
}
