package io.glasshouse.collector.scrape;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * Scrapes one target every {@code scrape_interval} on a Vert.x timer, at a phase fixed by the target's identity
 * (so targets of one job spread over the interval, and a target keeps its phase across restarts), and hands each
 * outcome to {@link ScrapeIngest}. A scrape still running when the next is due is not overlapped (the next is
 * skipped). Event-loop confined, except {@link #status()}.
 */
final class ScrapeLoop {
  final ScrapeTarget target;
  private final Scraper scraper;
  private final ScrapeIngest ingest;
  private final Clock clock;
  private long timer = -1;
  private boolean running;
  private boolean stopped;
  private volatile ScrapeOutcome last;
  private volatile String lastRefused;

  ScrapeLoop(ScrapeTarget target, Scraper scraper, ScrapeIngest ingest, Clock clock) {
    this.target = target;
    this.scraper = scraper;
    this.ingest = ingest;
    this.clock = clock;
  }

  void start(Vertx vertx) {
    long interval = Math.max(1, target.job().interval().toMillis());
    long phase = Math.floorMod((long) target.key().hashCode(), interval);
    long delay = Math.floorMod(phase - clock.millis(), interval);
    timer = vertx.setPeriodic(Math.max(1, delay), interval, id -> scrape());
  }

  /** Scrapes now (unless a scrape of this target is running); the future completes once the samples are applied. */
  Future<Void> scrape() {
    if (running || stopped) {
      return Future.succeededFuture();
    }
    running = true;
    return scraper.scrapeOnce(target)
        .compose(outcome -> {
          last = outcome;
          return ingest.submit(outcome.batch());
        })
        .andThen(ar -> {
          running = false;
          lastRefused = ar.result();
        })
        .mapEmpty();
  }

  void stop(Vertx vertx) {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The target as the targets API shows it. */
  JsonObject status() {
    ScrapeOutcome o = last;
    JsonObject j = new JsonObject().put("url", target.url().toString()).put("labels", new JsonObject(
        new java.util.TreeMap<String, Object>(target.labels())));
    if (o == null) {
      return j.put("health", "unknown");
    }
    j.put("health", o.up() ? "up" : "down").put("lastScrape", Instant.ofEpochMilli(o.scrapeMs()).toString())
        .put("lastScrapeDurationSeconds", o.durationSeconds()).put("samplesScraped", o.samplesScraped());
    if (o.error() != null) {
      j.put("lastError", o.error());
    }
    String refused = lastRefused;
    if (refused != null) {
      j.put("lastRefused", refused);
    }
    return j;
  }
}
