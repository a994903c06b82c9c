package io.glasshouse.statuspage.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.page.PageStates.State;
import io.glasshouse.statuspage.web.Branding;
import io.glasshouse.statuspage.web.Pages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PublicPageTest {
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  HttpResponse<String> get(PageServer s, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(s.base + path)).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every public page route for the state: the three pages and every incident's page. */
  static List<String> routes(State state) {
    List<String> routes = new ArrayList<>(List.of("/status", "/status/history", "/status/incidents/unknown"));
    PageStates.incidents(state).forEach(i -> routes.add("/status/incidents/" + i.id()));
    return routes;
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void everyRouteRendersInEveryStateWithTheContentSecurityPolicy(State state) throws Exception {
    try (PageServer s = new PageServer(state)) {
      for (String path : routes(state)) {
        HttpResponse<String> r = get(s, path);
        assertThat(r.statusCode()).as(path).isEqualTo(path.endsWith("/unknown") ? 404 : 200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(Pages.CONTENT_SECURITY_POLICY);
        assertThat(r.body()).contains("<main id=\"main\">").contains("<h1").doesNotContain("<script>");
      }
      String page = get(s, "/status").body();
      switch (state) {
        case OPERATIONAL -> assertThat(page).contains("All Systems Operational").doesNotContain("Active incidents");
        case DEGRADED -> assertThat(page).contains("Partially Degraded Service").contains("Degraded performance");
        case INCIDENT -> assertThat(page).contains("Partial System Outage").contains("Active incidents")
            .contains("Elevated API errors").contains("Identified").contains("Major outage");
        case MAINTENANCE -> assertThat(page).contains("Service Under Maintenance").contains("Maintenance in progress")
            .contains("Database upgrade").contains("Scheduled maintenance").contains("Network change")
            .contains("Under maintenance");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void publicRoutesNeverShowPrivateComponentsInstancesMetricsOrStaffNotes(State state) throws Exception {
    try (PageServer s = new PageServer(state)) {
      List<String> bodies = new ArrayList<>();
      for (String path : routes(state)) {
        bodies.add(get(s, path).body());
      }
      bodies.add(firstEvents(s, 1).toString());
      for (String body : bodies) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (String secret : PageStates.SECRETS) {
          assertThat(lower).as("state %s", state).doesNotContain(secret.toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  @Test
  void unknownIncidentAnswersAnHtmlNotFoundPage() throws Exception {
    try (PageServer s = new PageServer(State.OPERATIONAL)) {
      HttpResponse<String> r = get(s, "/status/incidents/%3Cscript%3E");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("<h1>Not found</h1>").contains("href=\"/status\"").doesNotContain("<script>");
    }
  }

  @Test
  void incidentTimelineRendersMarkdownAndLeavesPayloadsInert() throws Exception {
    try (PageServer s = new PageServer(State.INCIDENT)) {
      String html = get(s, "/status/incidents/inc-42").body();
      assertThat(html).contains("<h1 id=\"incident-inc-42\">Elevated API errors</h1>")
          .contains("<strong>investigating</strong>").contains("&lt;script&gt;window.__xss = 1&lt;/script&gt;")
          .doesNotContain("<script>window").doesNotContain("<img src=x").doesNotContain("href=\"javascript")
          .doesNotContain("\"onmouseover=").contains("Public API: Major outage");
      assertThat(html.indexOf("Identified")).isLessThan(html.indexOf("Investigating"));
    }
  }

  @Test
  void eachPublicComponentHasNinetyFocusableDayBarsWithDateUptimeAndIncidents() throws Exception {
    try (PageServer s = new PageServer(State.INCIDENT)) {
      String html = get(s, "/status").body();
      Matcher bars = Pattern.compile("<li class=\"day day-([a-z_]+)[^\"]*\" id=\"(day-[a-z]+-[0-9-]+)\" "
          + "tabindex=\"0\" aria-label=\"([^\"]*)\"").matcher(html);
      List<String> ids = new ArrayList<>();
      while (bars.find()) {
        ids.add(bars.group(2));
        if (bars.group(2).equals("day-api-2026-04-10")) {
          assertThat(bars.group(1)).isEqualTo("major_outage");
          assertThat(bars.group(3)).isEqualTo("10 Apr 2026: Major outage, 97.91% uptime, no incidents");
        }
        if (bars.group(2).equals("day-api-2026-05-20")) {
          assertThat(bars.group(3)).contains("Major outage").contains("incidents: Elevated API errors");
        }
        if (bars.group(2).equals("day-api-2026-02-20")) {
          assertThat(bars.group(1)).isEqualTo("nodata");
          assertThat(bars.group(3)).isEqualTo("20 Feb 2026: No data, No data, no incidents");
        }
      }
      assertThat(ids).hasSize(3 * 90).doesNotHaveDuplicates().contains("day-api-2026-04-10", "day-api-2026-05-20",
          "day-web-2026-04-25", "day-docs-2026-02-20");
      assertThat(html).contains("<h3>Core</h3>").contains("Documentation");
    }
  }

  @Test
  void eventStreamAnnouncesStatusAndIncidentChanges() throws Exception {
    try (PageServer s = new PageServer(State.OPERATIONAL)) {
      BlockingQueue<String> lines = stream(s);
      awaitLine(lines, ": connected");
      s.snapshot.set(PageStates.snapshot(State.DEGRADED));
      s.live.check();
      String event = awaitLine(lines, "event: change");
      assertThat(awaitLine(lines, "data: ")).contains("\"indicator\":\"minor\"");
      assertThat(event).isNotNull();
      s.snapshot.set(PageStates.snapshot(State.DEGRADED));
      s.incidents.put(PageStates.activeIncident());
      assertThat(awaitLine(lines, "event: change")).isNotNull();
    }
  }

  @Test
  void anUnchangedSnapshotAnnouncesNothing() throws Exception {
    try (PageServer s = new PageServer(State.DEGRADED)) {
      long before = s.live.version();
      s.snapshot.set(PageStates.snapshot(State.DEGRADED));
      s.live.check();
      assertThat(s.live.version()).isEqualTo(before);
      s.snapshot.set(PageStates.snapshot(State.INCIDENT));
      s.live.check();
      assertThat(s.live.version()).isEqualTo(before + 1);
    }
  }

  @Test
  void eventStreamsPastTheLimitAre503WhileThePageStillAnswers() throws Exception {
    try (PageServer s = new PageServer(State.OPERATIONAL, Branding.defaults(), Duration.ofSeconds(15), 1)) {
      BlockingQueue<String> lines = stream(s);
      awaitLine(lines, ": connected");
      HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(s.base + "/status/events")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(second.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(second.body()).contains("/problems/too-many-event-streams").contains("/status");
      assertThat(s.live.connections()).isEqualTo(1);
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(s.base + "/status")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void eventStreamSendsHeartbeatComments() throws Exception {
    try (PageServer s = new PageServer(State.OPERATIONAL, Branding.defaults(), Duration.ofMillis(50))) {
      BlockingQueue<String> lines = stream(s);
      assertThat(awaitLine(lines, ": heartbeat")).isEqualTo(": heartbeat");
    }
  }

  @Test
  void brandingNameLogoLinksAndTimeZoneShow() throws Exception {
    Branding b = Branding.fromJson(new JsonObject().put("name", "Acme <status>").put("logo-url", "/assets/logo.svg")
        .put("time-zone", "Europe/Berlin").put("url", "https://status.example.com")
        .put("links", new JsonArray().add(new JsonObject().put("label", "Support").put("url", "https://example.com/help"))));
    try (PageServer s = new PageServer(State.INCIDENT, b, Duration.ofSeconds(15))) {
      String html = get(s, "/status/incidents/inc-42").body();
      assertThat(html).contains("Acme &lt;status&gt;").contains("src=\"/assets/logo.svg\"")
          .contains("<a href=\"https://example.com/help\">Support</a>").contains("20 May 2026, 13:10 CEST");
    }
  }

  @Test
  void badBrandingNamesTheKey() {
    assertThat(Stream.of(new JsonObject().put("time-zone", "Mars/Olympus"), new JsonObject().put("url", "ftp://x"),
        new JsonObject().put("logo-url", "javascript:alert(1)"),
        new JsonObject().put("links", new JsonArray().add(new JsonObject().put("label", "x").put("url", "javascript:x")))))
        .allSatisfy(bad -> assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Branding.fromJson(bad)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("status-page."));
  }

  private BlockingQueue<String> stream(PageServer s) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    http.sendAsync(HttpRequest.newBuilder(URI.create(s.base + "/status/events")).build(),
        HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
          assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/event-stream"));
          r.body().forEach(lines::add);
        });
    return lines;
  }

  private List<String> firstEvents(PageServer s, int changes) throws InterruptedException {
    BlockingQueue<String> lines = stream(s);
    List<String> seen = new ArrayList<>();
    seen.add(awaitLine(lines, ": connected"));
    for (int k = 0; k < changes; k++) {
      s.live.changed();
      seen.add(awaitLine(lines, "data: "));
    }
    return seen;
  }

  private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' within 20 s");
  }
}
