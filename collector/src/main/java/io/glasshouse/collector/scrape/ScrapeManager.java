package io.glasshouse.collector.scrape;

import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.collector.CollectorMetrics;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.rollup.ingest.SampleSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code scrape:} section: discovers each job's targets (static, file SD, HTTP SD, self-registration),
 * relabels them, keeps one {@link ScrapeLoop} per target and hands every scrape to the engine through the same
 * validation as remote write ({@link ScrapeIngest}). Deployed as a verticle of its own, so discovery and timers run
 * on one event loop; file reads run on a worker, HTTP (scrapes, HTTP SD) without blocking.
 *
 * <p>Target loss: when a target leaves discovery (its file entry removed, its HTTP SD entry gone, its registration
 * expired or deleted) its loop stops and a last {@code up 0} is written for it, Glasshouse's counterpart of
 * Prometheus's staleness markers: the instance is no longer live, its series and counter baselines stay, so when
 * it comes back (restarted from zero or not) nothing counts twice.
 */
public final class ScrapeManager extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeManager.class);
  private static final long EXPIRY_CHECK_MS = 1_000;

  private final ScrapeSettings settings;
  private final CollectorConfig collector;
  private final SampleSink sink;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Registrations registrations = new Registrations();
  private final Map<String, JobState> jobs = new LinkedHashMap<>();
  private final List<Long> timers = new ArrayList<>();
  private volatile Context ctx;
  private Scraper scraper;
  private HttpClient sdClient;
  private ScrapeIngest ingest;
  private boolean stopped;

  /** What one job knows: target groups by source, and the loops of its current targets by identity. */
  private static final class JobState {
    final ScrapeJob job;
    final Map<String, List<TargetGroup>> groups = new LinkedHashMap<>();
    final Map<String, ScrapeLoop> loops = new LinkedHashMap<>();
    final List<FileSd> fileSds = new ArrayList<>();

    JobState(ScrapeJob job) {
      this.job = job;
    }
  }

  public ScrapeManager(ScrapeSettings settings, CollectorConfig collector, SampleSink sink, MeterRegistry registry,
      Clock clock) {
    this.settings = settings;
    this.collector = collector;
    this.sink = sink;
    this.registry = registry;
    this.clock = clock;
  }

  public ScrapeSettings settings() {
    return settings;
  }

  @Override
  public Future<?> start() {
    ctx = context;
    collector.validate();
    scraper = new Scraper(vertx, clock, collector.maxDecompressedBytes(), Duration.ofMinutes(10),
        settings.maxConcurrentScrapes(), collector.decodeOnWorkerAboveBytes(), collector.decodeWorkers());
    sdClient = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000));
    ingest = new ScrapeIngest(sink, new SampleValidator(collector.validationLimits(), clock),
        new CollectorMetrics(registry));
    for (ScrapeJob job : settings.jobs()) {
      JobState js = new JobState(job);
      jobs.put(job.name(), js);
      js.groups.put("static", job.staticConfigs());
      for (ScrapeJob.FileSdConfig f : job.fileSdConfigs()) {
        js.fileSds.add(new FileSd(job.name(), f));
      }
    }
    List<Future<?>> first = new ArrayList<>();
    for (JobState js : jobs.values()) {
      for (int i = 0; i < js.fileSds.size(); i++) {
        int index = i;
        first.add(refreshFile(js, index));
        timers.add(vertx.setPeriodic(js.fileSds.get(i).config().refreshInterval().toMillis(),
            id -> refreshFile(js, index)));
      }
      for (int i = 0; i < js.job.httpSdConfigs().size(); i++) {
        int index = i;
        first.add(refreshHttp(js, index));
        timers.add(vertx.setPeriodic(js.job.httpSdConfigs().get(i).refreshInterval().toMillis(),
            id -> refreshHttp(js, index)));
      }
      sync(js);
    }
    if (!jobs.isEmpty()) {
      timers.add(vertx.setPeriodic(EXPIRY_CHECK_MS, id -> expire()));
      LOG.info("scraping {} jobs: {}", jobs.size(), String.join(", ", jobs.keySet()));
    }
    return Future.join(first);
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    for (JobState js : jobs.values()) {
      js.loops.values().forEach(l -> l.stop(vertx));
    }
    if (scraper != null) {
      scraper.close();
    }
    return sdClient == null ? Future.succeededFuture() : sdClient.close();
  }

  // ---- discovery ----

  private Future<Void> refreshFile(JobState js, int index) {
    FileSd sd = js.fileSds.get(index);
    return vertx.executeBlocking(sd::refresh, true).map(groups -> {
      if (!stopped) {
        js.groups.put("file_sd_configs[" + index + "]", groups);
        sync(js);
      }
      return (Void) null;
    }).onFailure(e -> LOG.warn("scrape job '{}': file_sd_configs[{}] refresh failed: {}", js.job.name(), index,
        e.toString()));
  }

  private Future<Void> refreshHttp(JobState js, int index) {
    ScrapeJob.HttpSdConfig sd = js.job.httpSdConfigs().get(index);
    String source = "http_sd_configs[" + index + "]";
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(sd.url().toString())
        .setTimeout(Math.min(sd.refreshInterval().toMillis(), 30_000))
        .putHeader("Accept", "application/json")
        .putHeader("X-Prometheus-Refresh-Interval-Seconds", Long.toString(sd.refreshInterval().toSeconds()));
    return sdClient.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.statusCode() == 200 ? resp.body()
            : Future.failedFuture("HTTP " + resp.statusCode()))
        .map((Buffer body) -> TargetGroups.parseJson(body.getBytes(), Map.of("__meta_url", sd.url().toString())))
        .map(groups -> {
          if (!stopped) {
            js.groups.put(source, groups);
            sync(js);
          }
          return (Void) null;
        })
        .recover(e -> {
          LOG.warn("scrape job '{}': http_sd {} refused ({}); keeping its previous {} targets", js.job.name(),
              sd.url(), e.getMessage(), count(js.groups.get(source)));
          return Future.succeededFuture();
        });
  }

  private static int count(List<TargetGroup> groups) {
    return groups == null ? 0 : groups.stream().mapToInt(g -> g.targets().size()).sum();
  }

  private void expire() {
    for (String job : registrations.expire(clock.millis())) {
      JobState js = jobs.get(job);
      if (js != null) {
        sync(js);
      }
    }
  }

  /** Starts loops for new targets and stops those of targets that left (writing their last {@code up 0}). */
  private void sync(JobState js) {
    if (stopped) {
      return;
    }
    js.groups.put("registrations", registrations.groups(js.job.name()));
    Map<String, ScrapeTarget> wanted = new LinkedHashMap<>();
    for (List<TargetGroup> groups : js.groups.values()) {
      for (TargetGroup g : groups) {
        for (String address : g.targets()) {
          ScrapeTarget t = Targets.build(js.job, address, g.labels());
          if (t != null) {
            wanted.putIfAbsent(t.key(), t);
          }
        }
      }
    }
    for (var it = js.loops.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.containsKey(e.getKey())) {
        it.remove();
        ScrapeLoop loop = e.getValue();
        loop.stop(vertx);
        ingest.submit(ScrapeMapper.lost(loop.target, clock.millis()));
        LOG.info("scrape job '{}': target {} left discovery; its instance is down until it returns",
            js.job.name(), loop.target.url());
      }
    }
    wanted.forEach((key, t) -> js.loops.computeIfAbsent(key, k -> {
      ScrapeLoop loop = new ScrapeLoop(t, scraper, ingest, clock);
      loop.start(vertx);
      return loop;
    }));
  }

  // ---- self-registration (called from any event loop) ----

  /** Registers or renews a target of a configured job; returns when it expires (ms, by the clock). */
  long register(String job, String instance, String address, Map<String, String> labels, Duration ttl) {
    long expires = clock.millis() + ttl.toMillis();
    registrations.put(new Registrations.Registration(job, instance, address, Map.copyOf(labels), expires));
    onContext(() -> sync(jobs.get(job)));
    return expires;
  }

  /** Removes a registration; false when there was none. */
  boolean deregister(String job, String instance) {
    boolean removed = registrations.remove(job, instance);
    if (removed) {
      onContext(() -> sync(jobs.get(job)));
    }
    return removed;
  }

  boolean hasJob(String job) {
    return jobs.containsKey(job);
  }

  List<String> jobNames() {
    return List.copyOf(jobs.keySet());
  }

  private void onContext(Runnable r) {
    Context c = ctx;
    if (c != null) {
      c.runOnContext(v -> r.run());
    }
  }

  // ---- reading and driving (tests, API) ----

  /** Every job's current targets and how their last scrape went, as {@code GET /api/v1/scrape/targets} shows. */
  public Future<JsonObject> targets() {
    return onContextFuture(() -> {
      JsonObject out = new JsonObject();
      for (JobState js : jobs.values()) {
        JsonArray a = new JsonArray();
        js.loops.values().forEach(l -> a.add(l.status()));
        out.put(js.job.name(), a);
      }
      return new JsonObject().put("jobs", out);
    });
  }

  /** Scrapes every current target now; completes once all the samples are applied. For tests and benchmarks. */
  public Future<Void> scrapeAllNow() {
    return onContextFuture(() -> {
      List<Future<Void>> all = new ArrayList<>();
      jobs.values().forEach(js -> js.loops.values().forEach(l -> all.add(l.scrape())));
      return Future.join(all).<Void>mapEmpty();
    }).compose(f -> f);
  }

  /** Re-reads every file SD and HTTP SD source now, then expires registrations; for tests. */
  public Future<Void> refreshDiscoveryNow() {
    return onContextFuture(() -> {
      List<Future<Void>> all = new ArrayList<>();
      for (JobState js : jobs.values()) {
        for (int i = 0; i < js.fileSds.size(); i++) {
          all.add(refreshFile(js, i));
        }
        for (int i = 0; i < js.job.httpSdConfigs().size(); i++) {
          all.add(refreshHttp(js, i));
        }
      }
      expire();
      return Future.join(all).<Void>mapEmpty();
    }).compose(f -> f);
  }

  private <T> Future<T> onContextFuture(java.util.concurrent.Callable<T> work) {
    Context c = ctx;
    if (c == null) {
      return Future.failedFuture("the scrape manager is not started");
    }
    io.vertx.core.Promise<T> p = io.vertx.core.Promise.promise();
    c.runOnContext(v -> {
      try {
        p.complete(work.call());
      } catch (Exception e) {
        p.fail(e);
      }
    });
    return p.future();
  }
}
