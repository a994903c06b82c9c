package io.glasshouse.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated instance: its own {@link DemoRegistry}, the meters a typical web service has, and the state
 * behind its gauges. {@link #tick} runs on the fleet's tick thread only; {@link #publish} and {@link #close} may
 * run on any thread and are serialized on this object.
 */
final class DemoInstance {
  private static final Logger LOG = LoggerFactory.getLogger(DemoInstance.class);
  private static final Duration[] SLO = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1)};
  private static final double CLIENT_ERROR_RATE = 0.02;

  final ServiceProfile profile;
  final String id;
  final String version;
  final String region;
  final Instant startedAt;

  private final Random random;
  private final double speed;
  private final DemoRegistry registry;
  private final Map<Integer, Timer> timers = new HashMap<>();
  private final Counter business;
  private final double totalWeight;
  private double gcPhase;

  private volatile double cpu;
  private volatile double memoryUsed;
  private volatile double diskUsed;
  private volatile double connections;

  private ScheduledFuture<?> publishing; // guarded by this
  private boolean closed; // guarded by this

  /** What the fleet tells every instance at a tick. */
  record Tick(Instant now, double tickSeconds, double load, double fleetDays, Duration dayLength,
      double serverErrorRate, double latencyFactor) {
  }

  DemoInstance(ServiceProfile profile, String id, String version, String region, Instant startedAt, long seed,
      URI otlpUrl, Duration step, String ingestToken) {
    this.profile = profile;
    this.id = id;
    this.version = version;
    this.region = region;
    this.startedAt = startedAt;
    this.random = new Random(seed);
    this.speed = 0.9 + 0.2 * random.nextDouble();
    this.gcPhase = random.nextDouble();
    this.totalWeight = profile.endpoints().stream().mapToDouble(ServiceProfile.Endpoint::weight).sum();

    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("service.name", profile.name());
    attributes.put("service.instance.id", id);
    attributes.put("service.version", version); // OpenTelemetry's attribute; the collector maps it to "version"
    attributes.put("region", region);
    Map<String, String> headers = ingestToken == null ? Map.of() : Map.of("Authorization", "Bearer " + ingestToken);
    this.registry = new DemoRegistry(DemoRegistry.config(otlpUrl, step, attributes, headers));

    business = Counter.builder(profile.businessCounter()).baseUnit("events")
        .description("Business events (successful " + profile.businessCounter() + ")").register(registry);
    Gauge.builder("process.cpu.usage", this, i -> i.cpu).strongReference(true)
        .description("Recent CPU usage of the process, 0..1").register(registry);
    Gauge.builder("jvm.memory.used", this, i -> i.memoryUsed).tag("area", "heap").baseUnit("bytes")
        .strongReference(true).register(registry);
    Gauge.builder("jvm.memory.max", this, i -> i.profile.memoryMax()).tag("area", "heap").baseUnit("bytes")
        .strongReference(true).register(registry);
    Gauge.builder("disk.used", this, i -> i.diskUsed).tag("path", "/data").baseUnit("bytes")
        .strongReference(true).register(registry);
    Gauge.builder("disk.total", this, i -> i.profile.diskTotal()).tag("path", "/data").baseUnit("bytes")
        .strongReference(true).register(registry);
    Gauge.builder("db.connections.active", this, i -> i.connections).tag("pool", "main")
        .baseUnit("connections").strongReference(true).register(registry);
    Gauge.builder("db.connections.max", this, i -> i.profile.poolMax()).tag("pool", "main")
        .baseUnit("connections").strongReference(true).register(registry);
  }

  /** Records this tick's requests and moves the resource gauges. Tick thread only. */
  void tick(Tick t) {
    int requests = Cycles.poisson(random, profile.peakRps() * t.load() * t.tickSeconds());
    for (int i = 0; i < requests; i++) {
      request(t);
    }
    double load = t.load();
    cpu = clamp(0.03 + 0.55 * load * (t.latencyFactor() > 1 ? 1.5 : 1) * speed + 0.02 * random.nextGaussian(),
        0.01, 1);
    gcPhase += t.tickSeconds() * (0.05 + 0.2 * load);
    gcPhase -= Math.floor(gcPhase);
    double ageDays = Cycles.days(startedAt, t.now(), t.dayLength());
    memoryUsed = profile.memoryMax() * clamp(0.30 + 0.2 * load + 0.15 * gcPhase + profile.leakPerDay() * ageDays
        + 0.005 * random.nextGaussian(), 0.05, 0.98);
    double disk = profile.diskTotal() * profile.diskFraction(t.fleetDays());
    diskUsed = Math.min(profile.diskTotal(), disk + profile.diskTotal() * 0.0002 * random.nextGaussian());
    double meanConnections = profile.poolMax() * (0.1 + 0.55 * load) * Math.sqrt(t.latencyFactor());
    connections = Math.min(profile.poolMax(), Cycles.poisson(random, meanConnections));
  }

  private void request(Tick t) {
    ServiceProfile.Endpoint e = endpoint();
    double u = random.nextDouble();
    int status;
    double millis = e.medianMillis() * speed * (1 + 0.4 * t.load()) * t.latencyFactor()
        * Math.exp(0.45 * random.nextGaussian());
    if (random.nextDouble() < 0.01) {
      millis *= 4 + 4 * random.nextDouble(); // the tail: GC pauses, cold caches
    }
    if (u < t.serverErrorRate()) {
      if (random.nextDouble() < 0.3) {
        status = 503;
        millis = 1500 + 1000 * random.nextDouble(); // an upstream timed out
      } else {
        status = 500;
        millis *= 0.6;
      }
    } else if (u < t.serverErrorRate() + CLIENT_ERROR_RATE) {
      status = e.uri().equals("/login") ? 401 : e.method().equals("GET") ? 404 : 400;
      millis *= 0.3;
    } else {
      status = e.method().equals("POST") && e.business() ? 201 : 200;
    }
    timer(e, status).record(Math.max(1, Math.round(millis * 1e6)), TimeUnit.NANOSECONDS);
    if (e.business() && status < 400) {
      business.increment();
    }
  }

  private ServiceProfile.Endpoint endpoint() {
    double x = random.nextDouble() * totalWeight;
    List<ServiceProfile.Endpoint> endpoints = profile.endpoints();
    for (ServiceProfile.Endpoint e : endpoints) {
      x -= e.weight();
      if (x < 0) {
        return e;
      }
    }
    return endpoints.get(endpoints.size() - 1);
  }

  private Timer timer(ServiceProfile.Endpoint e, int status) {
    int key = profile.endpoints().indexOf(e) * 1000 + status;
    return timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
        .tag("method", e.method())
        .tag("uri", e.uri())
        .tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .publishPercentileHistogram()
        .serviceLevelObjectives(SLO)
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry));
  }

  static String outcome(int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  /**
   * Publishes every {@code step} on {@code scheduler}, first at the next step boundary of Micrometer's clock plus
   * {@code offsetMillis} (so the fleet's pushes are spread over the step, as a real fleet's are).
   */
  synchronized void startPublishing(ScheduledExecutorService scheduler, Duration step, long offsetMillis) {
    if (closed) {
      return;
    }
    long stepMillis = step.toMillis();
    long now = registry.config().clock().wallTime();
    long delay = stepMillis - Math.floorMod(now, stepMillis) + offsetMillis;
    publishing = scheduler.scheduleAtFixedRate(this::publish, delay, stepMillis, TimeUnit.MILLISECONDS);
  }

  /** Sends the current step, unless closed. */
  synchronized void publish() {
    if (closed) {
      return;
    }
    try {
      registry.publishNow();
    } catch (RuntimeException e) {
      LOG.warn("demo instance {} could not publish", id, e);
    }
  }

  /** Stops publishing; the registry's close publishes the last step. Idempotent. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (publishing != null) {
      publishing.cancel(false);
    }
    try {
      registry.close();
    } catch (RuntimeException e) {
      LOG.warn("demo instance {} failed while closing", id, e);
    }
  }

  DemoStatus.Instance view() {
    return new DemoStatus.Instance(profile.name(), id, version, region, startedAt);
  }
}
