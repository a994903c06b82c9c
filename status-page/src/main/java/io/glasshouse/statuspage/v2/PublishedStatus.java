package io.glasshouse.statuspage.v2;

import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.PageStatus;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every public answer of the Statuspage-compatible API and the badges, precomputed: rebuilt (off the event loops)
 * when the status snapshot or the published incidents change (pushed, see {@link #changed()}), so a request during an outage only picks bytes that
 * are already encoded (identity, gzip, brotli) with their ETag and Last-Modified. Only public components appear.
 *
 * <p>Paths served (see {@link StatuspageApi}): {@code /api/v2/summary.json}, {@code status.json},
 * {@code components.json}, {@code incidents.json}, {@code incidents/unresolved.json},
 * {@code scheduled-maintenances.json}, {@code scheduled-maintenances/upcoming.json},
 * {@code scheduled-maintenances/active.json}; {@code /badges/status.svg|json},
 * {@code /badges/uptime-30d.svg|json}, {@code /badges/uptime-90d.svg|json} and the same under
 * {@code /badges/components/{id}/}. Thread-safe; {@link #get} never blocks.
 */
public final class PublishedStatus {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedStatus.class);
  static final String JSON = "application/json; charset=utf-8";
  static final String SVG = "image/svg+xml; charset=utf-8";

  private final Supplier<StatusSnapshot> status;
  private final IncidentLog incidents;
  private final Branding branding;
  private final String pageId;
  private final Clock clock;
  private final AtomicLong incidentChanges = new AtomicLong();
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private volatile Vertx vertx;
  private volatile Map<String, Representation> answers = Map.of();
  private StatusSnapshot builtFrom;
  private long builtAtChange = -1;

  /**
   * @param status the latest status snapshot (e.g. {@code StatusEvaluator::latest}); read at each rebuild
   * @param incidents the published incidents and maintenance
   * @param clock stamps Last-Modified when an answer's bytes change
   */
  public PublishedStatus(Supplier<StatusSnapshot> status, IncidentLog incidents, Branding branding, Clock clock) {
    this.status = status;
    this.incidents = incidents;
    this.branding = branding;
    this.pageId = pageId(branding.baseUrl());
    this.clock = clock;
    incidents.onChange(i -> {
      incidentChanges.incrementAndGet();
      changed();
    });
  }

  /**
   * Builds the answers now and then keeps them current: every {@link #changed()} (a published incident change
   * calls it itself; {@link #follow} makes every new status snapshot call it) rebuilds on a worker thread. No
   * timer: the answers change exactly when their sources do. Returns the first build.
   */
  public Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    return vertx.executeBlocking(this::refresh, false).mapEmpty();
  }

  /** Rebuilds after every snapshot {@code evaluator} publishes (the one source of status snapshots). */
  public PublishedStatus follow(StatusEvaluator evaluator) {
    evaluator.onSnapshot(s -> changed());
    return this;
  }

  /**
   * Tells that the snapshot or the incidents may have changed: schedules one rebuild on a worker thread (changes
   * arriving while one is pending share it). Never blocks; ignored before {@link #start}.
   */
  public void changed() {
    Vertx v = vertx;
    if (v == null || !rebuildPending.compareAndSet(false, true)) {
      return;
    }
    v.executeBlocking(() -> {
      rebuildPending.set(false);
      return refresh();
    }, false).onFailure(e -> LOG.warn("rebuilding the Statuspage answers failed: {}", e.toString()));
  }

  /** The answer at {@code path}, if there is one. */
  Optional<Representation> get(String path) {
    return Optional.ofNullable(answers.get(path));
  }

  /** True once the first build finished. */
  public boolean ready() {
    return !answers.isEmpty();
  }

  /** Every path with an answer now. */
  java.util.Set<String> paths() {
    return answers.keySet();
  }

  /**
   * Rebuilds every answer if the sources changed since the last build (answers whose bytes are the same keep
   * their ETag and Last-Modified); returns whether anything was rebuilt. Blocks for as long as encoding takes:
   * call it off the event loops.
   */
  public synchronized boolean refresh() {
    StatusSnapshot s = status.get();
    long changes = incidentChanges.get();
    if (s == builtFrom && changes == builtAtChange) {
      return false;
    }
    StatuspageJson json = new StatuspageJson(s, incidents.all(), branding, pageId);
    Map<String, String[]> docs = new HashMap<>();
    String v2 = "/api/v2/";
    docs.put(v2 + "summary.json", json(json.summary()));
    docs.put(v2 + "status.json", json(json.statusDocument()));
    docs.put(v2 + "components.json", json(json.componentsDocument()));
    docs.put(v2 + "incidents.json", json(json.incidentsDocument(false)));
    docs.put(v2 + "incidents/unresolved.json", json(json.incidentsDocument(true)));
    docs.put(v2 + "scheduled-maintenances.json", json(json.maintenancesDocument(null)));
    docs.put(v2 + "scheduled-maintenances/upcoming.json", json(json.maintenancesDocument("upcoming")));
    docs.put(v2 + "scheduled-maintenances/active.json", json(json.maintenancesDocument("active")));
    badges(s, json, docs);
    Map<String, Representation> previous = answers;
    Map<String, Representation> next = new HashMap<>();
    docs.forEach((path, d) -> next.put(path, Representation.of(d[0], d[1], previous.get(path), clock.instant())));
    answers = Map.copyOf(next);
    builtFrom = s;
    builtAtChange = changes;
    return true;
  }

  private void badges(StatusSnapshot s, StatuspageJson json, Map<String, String[]> docs) {
    List<ComponentState> pub = json.publicComponents();
    PageStatus page = json.pageStatus();
    badge(docs, "/badges/status", Badge.page(branding.name(), page.indicator(), page.description()));
    for (int days : new int[] {30, 90}) {
      List<DailyStatus> window = new ArrayList<>();
      pub.forEach(c -> window.addAll(last(s.history(c.id()), days)));
      badge(docs, "/badges/uptime-" + days + "d",
          Badge.uptime(branding.name(), days, DailyStatus.uptimePercent(window, s.weights())));
    }
    for (ComponentState c : pub) {
      String base = "/badges/components/" + c.id();
      String name = c.component().name();
      badge(docs, base + "/status", Badge.status(name, c.status()));
      for (int days : new int[] {30, 90}) {
        badge(docs, base + "/uptime-" + days + "d", Badge.uptime(name, days,
            DailyStatus.uptimePercent(last(s.history(c.id()), days), s.weights())));
      }
    }
  }

  private static List<DailyStatus> last(List<DailyStatus> days, int n) {
    return days.subList(Math.max(0, days.size() - n), days.size());
  }

  private static void badge(Map<String, String[]> docs, String base, Badge b) {
    docs.put(base + ".svg", new String[] {SVG, b.svg()});
    docs.put(base + ".json", json(b.shields()));
  }

  private static String[] json(JsonObject o) {
    return new String[] {JSON, o.encode()};
  }

  /** The page id in the API: 12 characters derived from the page's URL, stable across restarts. */
  static String pageId(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        b.append(alphabet.charAt((d[i] & 0xff) % alphabet.length()));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
