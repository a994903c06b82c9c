package io.glasshouse.demo;

import io.glasshouse.demo.DemoStatus.Incident;
import io.glasshouse.demo.DemoStatus.IncidentKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --demo} fleet: several services, each with several identical, ephemeral instances, every instance a
 * real Micrometer OTLP registry pushing OTLP/HTTP to the given URL, as any application would.
 *
 * <p>Traffic follows a daily and a weekly cycle (phase taken from the given {@link Clock}, scaled to
 * {@link DemoConfig#dayLength()}) with Poisson request counts per tick. Now and then an instance dies and is
 * replaced by a new {@code service.instance.id}, or restarts under its id (its counters start again from
 * zero), and an incident begins: an error burst on one service, or a slower version rolled out to part of a
 * service and rolled back later. All randomness comes from {@link DemoConfig#seed()}.
 *
 * <p>Threads: one tick thread (requests, gauges, churn, incidents; all fleet state is confined to it) and two
 * publishing threads shared by every instance, whatever the fleet's size.
 */
public final class DemoFleet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);
  private static final double BASE_SERVER_ERROR_RATE = 0.002;
  private static final double REGRESSION_FACTOR = 3.0;
  /** A misbehaving instance's server error rate, or how many times slower it is. */
  static final double MISBEHAVING_ERROR_RATE = 0.15;
  static final double MISBEHAVING_SLOWDOWN = 4.0;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final URI otlpUrl;
  private final Clock clock;
  private final DemoConfig config;
  private final Instant fleetStart;
  private final ScheduledExecutorService ticker;
  private final ScheduledExecutorService publisher;
  private final AtomicBoolean closed = new AtomicBoolean();

  // confined to the tick thread (and to start(), before the tick thread runs)
  private final Random random;
  private final Map<String, ServiceState> services = new LinkedHashMap<>();
  private final List<DemoInstance> live = new ArrayList<>();
  private final Set<String> usedIds = new HashSet<>();
  private final List<CompletableFuture<Void>> retiring = new ArrayList<>();
  private long replacements;
  private long restarts;
  private int regionCursor;
  private long ticks;
  private boolean stopped;
  private final List<TickWaiter> tickWaiters = new ArrayList<>();
  private Instant nextIncidentAt;
  private int scheduledIncidents;
  private Instant nextMisbehaviourAt;
  private int misbehaviours;
  private Incident misbehaving;

  private volatile DemoStatus status;

  private static final class ServiceState {
    final ServiceProfile profile;
    final String version;
    ActiveIncident incident;

    ServiceState(ServiceProfile profile) {
      this.profile = profile;
      this.version = profile.version();
    }
  }

  private record ActiveIncident(Incident incident, double serverErrorRate) {
  }

  private record TickWaiter(long tick, CompletableFuture<Void> future) {
  }

  private DemoFleet(URI otlpUrl, Clock clock, DemoConfig config) {
    this.otlpUrl = otlpUrl;
    this.clock = clock;
    this.config = config;
    this.fleetStart = clock.instant();
    this.random = new Random(config.seed());
    this.ticker = Executors.newSingleThreadScheduledExecutor(threads("glasshouse-demo-tick"));
    this.publisher = Executors.newScheduledThreadPool(2, threads("glasshouse-demo-publish"));
  }

  /**
   * Starts the simulated fleet pushing OTLP to {@code otlpUrl} (for example
   * {@code http://127.0.0.1:8080/v1/metrics}); returns at once. Instances publish at every step boundary,
   * spread over the first fifth of the step; nothing fails if nobody listens yet (Micrometer logs a warning).
   *
   * @throws IllegalArgumentException if {@code config} is invalid (see {@link DemoConfig#validate()}) or the URL
   *     is not an absolute http(s) URL
   */
  public static DemoFleet start(URI otlpUrl, Clock clock, DemoConfig config) {
    Objects.requireNonNull(otlpUrl, "otlpUrl");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(config, "config").requireValid();
    if (otlpUrl.getScheme() == null || !otlpUrl.getScheme().matches("https?") || otlpUrl.getHost() == null) {
      throw new IllegalArgumentException("demo fleet needs an absolute http(s) OTLP URL, got " + otlpUrl);
    }
    DemoFleet fleet = new DemoFleet(otlpUrl, clock, config);
    try {
      fleet.begin();
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
    return fleet;
  }

  private void begin() {
    for (String name : config.services()) {
      services.put(name, new ServiceState(ServiceProfile.forName(name)));
    }
    for (ServiceState s : services.values()) {
      for (int i = 0; i < config.instancesPerService(); i++) {
        spawn(s, s.version, null);
      }
    }
    if (!config.churnInterval().isZero()) {
      DemoSchedule schedule = config.schedule();
      nextIncidentAt = fleetStart.plus(schedule.firstIncident());
      if (!schedule.misbehaveInterval().isZero()) {
        nextMisbehaviourAt = fleetStart.plus(schedule.misbehaveInterval().dividedBy(2));
      }
    }
    refreshStatus();
    long tickMillis = config.tick().toMillis();
    ticker.scheduleAtFixedRate(guarded("tick", this::tick), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    if (!config.churnInterval().isZero()) {
      long churnMillis = config.churnInterval().toMillis();
      ticker.scheduleAtFixedRate(guarded("churn", this::churn), churnMillis, churnMillis, TimeUnit.MILLISECONDS);
    }
    LOG.info("demo fleet started: {} services x {} instances pushing OTLP every {} to {}", services.size(),
        config.instancesPerService(), config.step(), otlpUrl);
  }

  /** An immutable snapshot: services, instances alive, replacements and restarts so far, incidents. */
  public DemoStatus status() {
    return status;
  }

  /** The configuration the fleet runs with. */
  public DemoConfig config() {
    return config;
  }

  /**
   * Stops every instance; each one's registry publishes its last step before this returns (or 30 s pass).
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    try {
      closing.addAll(ticker.submit(() -> {
        stopped = true;
        List<CompletableFuture<Void>> all = new ArrayList<>(retiring);
        for (DemoInstance i : List.copyOf(live)) {
          all.add(retire(i));
        }
        for (TickWaiter w : tickWaiters) {
          w.future().cancel(false);
        }
        refreshStatus();
        return all;
      }).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("demo fleet: could not stop the tick thread cleanly", e);
    }
    ticker.shutdownNow();
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("demo fleet: not every instance published its last step", e);
    }
    publisher.shutdownNow();
    LOG.info("demo fleet stopped");
  }

  // ---- test hooks: run on the tick thread, return once the old registry has published its last step ----

  /** Kills one instance (chosen by the seeded random); a new id replaces it. Returns the dead instance's id. */
  String killOne() {
    return onTicker(() -> {
      DemoInstance victim = live.get(random.nextInt(live.size()));
      return new Pending(victim.id, replace(victim));
    });
  }

  /** Restarts one instance under its id, with a fresh registry. Returns the id. */
  String restartOne() {
    return onTicker(() -> {
      DemoInstance victim = live.get(random.nextInt(live.size()));
      return new Pending(victim.id, restart(victim));
    });
  }

  /** Begins an incident of the given kind on {@code service} now. */
  void startIncident(IncidentKind kind, String service) {
    onTicker(() -> new Pending(service, beginIncident(services.get(service), kind)));
  }

  /** Completes after the tick thread has run {@code n} more ticks. */
  CompletableFuture<Void> afterTicks(int n) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    ticker.execute(() -> tickWaiters.add(new TickWaiter(ticks + n, f)));
    return f;
  }

  private record Pending(String id, CompletableFuture<Void> done) {
  }

  private String onTicker(java.util.concurrent.Callable<Pending> action) {
    try {
      Pending p = ticker.submit(() -> {
        Pending r = action.call();
        refreshStatus();
        return r;
      }).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      p.done().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return p.id();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("demo fleet action failed", e);
    }
  }

  // ---- the tick thread ----

  private void tick() {
    if (stopped) {
      return;
    }
    Instant now = clock.instant();
    ticks++;
    for (ServiceState s : services.values()) {
      if (s.incident != null && !now.isBefore(s.incident.incident().endsAt())) {
        endIncident(s);
      }
    }
    scheduled(now);
    double load = Cycles.load(now, fleetStart, config.dayLength());
    double fleetDays = Cycles.days(fleetStart, now, config.dayLength());
    double tickSeconds = config.tick().toNanos() / 1e9;
    for (DemoInstance i : live) {
      i.tick(tickFor(i, now, tickSeconds, load, fleetDays));
    }
    tickWaiters.removeIf(w -> {
      if (ticks >= w.tick()) {
        w.future().complete(null);
        return true;
      }
      return false;
    });
    retiring.removeIf(CompletableFuture::isDone);
  }

  private DemoInstance.Tick tickFor(DemoInstance i, Instant now, double tickSeconds, double load, double days) {
    ActiveIncident incident = services.get(i.profile.name()).incident;
    double errors = BASE_SERVER_ERROR_RATE;
    double latency = 1;
    if (incident != null && incident.incident().kind() == IncidentKind.ERROR_BURST) {
      errors = incident.serverErrorRate();
    }
    if (incident != null && incident.incident().kind() == IncidentKind.LATENCY_REGRESSION
        && incident.incident().version().equals(i.version)) {
      latency = REGRESSION_FACTOR;
    }
    if (misbehaving != null && misbehaving.instance().equals(i.id)) {
      if (misbehaving.detail().endsWith("5xx")) {
        errors = Math.max(errors, MISBEHAVING_ERROR_RATE);
      } else {
        latency *= MISBEHAVING_SLOWDOWN;
      }
    }
    return new DemoInstance.Tick(now, tickSeconds, load, days, config.dayLength(), errors, latency);
  }

  /**
   * Scheduled trouble ({@link DemoSchedule}): incidents alternate between error bursts and latency regressions
   * over the services in turn; a misbehaving instance is one live instance of a calm service with peers.
   */
  private void scheduled(Instant now) {
    if (misbehaving != null && (!now.isBefore(misbehaving.endsAt())
        || live.stream().noneMatch(i -> i.id.equals(misbehaving.instance())))) {
      LOG.info("demo: {} behaves again", misbehaving.instance());
      misbehaving = null;
      refreshStatus();
    }
    DemoSchedule schedule = config.schedule();
    if (nextIncidentAt != null && !now.isBefore(nextIncidentAt)) {
      List<ServiceState> all = List.copyOf(services.values());
      ServiceState s = null;
      for (int k = 0; k < all.size() && s == null; k++) {
        ServiceState candidate = all.get((scheduledIncidents + k) % all.size());
        if (candidate.incident == null) {
          s = candidate;
        }
      }
      if (s != null) {
        beginIncident(s, scheduledIncidents % 2 == 0 ? IncidentKind.ERROR_BURST : IncidentKind.LATENCY_REGRESSION);
      }
      scheduledIncidents++;
      nextIncidentAt = schedule.incidentInterval().isZero() ? null : later(nextIncidentAt,
          schedule.incidentInterval(), now);
    }
    if (nextMisbehaviourAt != null && !now.isBefore(nextMisbehaviourAt)) {
      List<ServiceState> calm = services.values().stream()
          .filter(s -> s.incident == null && instancesOf(s).size() >= 3).toList();
      if (misbehaving == null && !calm.isEmpty()) {
        ServiceState s = calm.get(random.nextInt(calm.size()));
        List<DemoInstance> peers = instancesOf(s);
        DemoInstance victim = peers.get(random.nextInt(peers.size()));
        String detail = misbehaviours % 2 == 0 ? Math.round(MISBEHAVING_ERROR_RATE * 100) + "% 5xx"
            : Math.round(MISBEHAVING_SLOWDOWN) + "x slower";
        misbehaving = new Incident(IncidentKind.MISBEHAVING_INSTANCE, s.profile.name(), victim.version, now,
            now.plus(schedule.misbehaveDuration()), victim.id, detail);
        misbehaviours++;
        LOG.info("demo: {} misbehaves ({}) until {}; its peers are fine", victim.id, detail, misbehaving.endsAt());
        refreshStatus();
      }
      nextMisbehaviourAt = later(nextMisbehaviourAt, schedule.misbehaveInterval(), now);
    }
  }

  /** {@code at + interval}, or {@code now + interval} when that is already past. */
  private static Instant later(Instant at, Duration interval, Instant now) {
    Instant next = at.plus(interval);
    return next.isAfter(now) ? next : now.plus(interval);
  }

  private void churn() {
    if (stopped) {
      return;
    }
    if (!live.isEmpty()) {
      DemoInstance victim = live.get(random.nextInt(live.size()));
      if (random.nextDouble() < 0.6) {
        replace(victim);
      } else {
        restart(victim);
      }
    }
    if (random.nextDouble() < config.incidentProbability()) {
      List<ServiceState> calm = services.values().stream().filter(s -> s.incident == null).toList();
      if (!calm.isEmpty()) {
        ServiceState s = calm.get(random.nextInt(calm.size()));
        beginIncident(s, random.nextBoolean() ? IncidentKind.ERROR_BURST : IncidentKind.LATENCY_REGRESSION);
      }
    }
    refreshStatus();
  }

  private CompletableFuture<Void> beginIncident(ServiceState s, IncidentKind kind) {
    if (s.incident != null) {
      endIncident(s);
    }
    Instant now = clock.instant();
    Instant end = now.plus(config.incidentDuration());
    if (kind == IncidentKind.ERROR_BURST) {
      double rate = 0.1 + 0.2 * random.nextDouble();
      s.incident = new ActiveIncident(new Incident(kind, s.profile.name(), s.version, now, end, null,
          Math.round(rate * 100) + "% 5xx"), rate);
      LOG.info("demo: error burst on {} ({}% 5xx) until {}", s.profile.name(), Math.round(rate * 100), end);
      refreshStatus();
      return CompletableFuture.completedFuture(null);
    }
    String canary = ServiceProfile.nextPatch(s.version);
    s.incident = new ActiveIncident(new Incident(kind, s.profile.name(), canary, now, end), BASE_SERVER_ERROR_RATE);
    List<DemoInstance> instances = instancesOf(s);
    int rollout = Math.max(1, instances.size() / 2);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (DemoInstance i : instances.subList(0, rollout)) {
      done.add(replace(i, canary));
    }
    LOG.info("demo: {} {} rolled out to {} instance(s), about {}x slower, until {}", s.profile.name(), canary,
        rollout, REGRESSION_FACTOR, end);
    refreshStatus();
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }

  private void endIncident(ServiceState s) {
    Incident incident = s.incident.incident();
    s.incident = null;
    if (incident.kind() == IncidentKind.LATENCY_REGRESSION) {
      for (DemoInstance i : instancesOf(s)) {
        if (i.version.equals(incident.version())) {
          replace(i, s.version);
        }
      }
      LOG.info("demo: {} rolled back from {} to {}", s.profile.name(), incident.version(), s.version);
    } else {
      LOG.info("demo: error burst on {} is over", s.profile.name());
    }
    refreshStatus();
  }

  private List<DemoInstance> instancesOf(ServiceState s) {
    return live.stream().filter(i -> i.profile == s.profile).toList();
  }

  private CompletableFuture<Void> replace(DemoInstance old) {
    return replace(old, old.version);
  }

  /** The old instance dies (publishing its last step); a new id with {@code version} takes its place. */
  private CompletableFuture<Void> replace(DemoInstance old, String version) {
    CompletableFuture<Void> gone = retire(old);
    DemoInstance fresh = spawn(services.get(old.profile.name()), version, null);
    replacements++;
    LOG.info("demo: {} died, {} replaces it", old.id, fresh.id);
    return gone;
  }

  /** The instance restarts: its registry closes (publishing its last step) and a fresh one takes its id. */
  private CompletableFuture<Void> restart(DemoInstance old) {
    CompletableFuture<Void> gone = retire(old);
    DemoInstance fresh = spawn(services.get(old.profile.name()), old.version, old);
    restarts++;
    LOG.info("demo: {} restarted", fresh.id);
    return gone;
  }

  private CompletableFuture<Void> retire(DemoInstance i) {
    live.remove(i);
    CompletableFuture<Void> gone;
    try {
      gone = CompletableFuture.runAsync(i::close, publisher);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      i.close();
      gone = CompletableFuture.completedFuture(null);
    }
    retiring.add(gone);
    return gone;
  }

  /** A new instance of {@code s}; with {@code sameAs}, a restart of that instance (same id and region). */
  private DemoInstance spawn(ServiceState s, String version, DemoInstance sameAs) {
    String id = sameAs != null ? sameAs.id : newId(s.profile.name());
    List<String> regions = config.regions();
    String region = sameAs != null ? sameAs.region : regions.get(regionCursor++ % regions.size());
    DemoInstance i = new DemoInstance(s.profile, id, version, region, clock.instant(), random.nextLong(), otlpUrl,
        config.step(), config.ingestToken());
    Instant now = clock.instant();
    i.tick(new DemoInstance.Tick(now, 0, Cycles.load(now, fleetStart, config.dayLength()),
        Cycles.days(fleetStart, now, config.dayLength()), config.dayLength(), BASE_SERVER_ERROR_RATE, 1));
    live.add(i);
    long spread = Math.max(1, config.step().toMillis() / 5);
    i.startPublishing(publisher, config.step(), 1 + (long) (random.nextDouble() * spread));
    return i;
  }

  private String newId(String service) {
    while (true) {
      String id = service + "-" + String.format("%04x", random.nextInt(0x10000));
      if (usedIds.add(id)) {
        return id;
      }
    }
  }

  private void refreshStatus() {
    List<Incident> incidents = new ArrayList<>(services.values().stream().filter(s -> s.incident != null)
        .map(s -> s.incident.incident()).toList());
    if (misbehaving != null) {
      incidents.add(misbehaving);
    }
    status = new DemoStatus(clock.instant(), List.copyOf(services.keySet()),
        live.stream().map(DemoInstance::view).toList(), replacements, restarts, incidents);
  }

  private Runnable guarded(String what, Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (Throwable t) {
        LOG.warn("demo fleet: {} failed", what, t);
      }
    };
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
