package io.glasshouse.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the {@code --demo} fleet: the {@code demo} section of the configuration file.
 *
 * <p>Every field has a default ({@link #defaults()}); {@link #validate()} lists what is wrong, each problem
 * naming its configuration key ({@code demo.instances-per-service} and so on). Durations in JSON/YAML are
 * strings such as {@code 500ms}, {@code 10s}, {@code 5m}, {@code 24h}, {@code 2d}, ISO-8601 ({@code PT10S}), or
 * plain numbers of seconds.
 *
 * @param services names of the simulated services; {@code checkout}, {@code search} and {@code accounts} have
 *     hand-made profiles, any other name gets a generic one
 * @param instancesPerService identical instances per service (key {@code instances-per-service})
 * @param step OTLP push interval of every instance (key {@code step})
 * @param tick how often every instance records a batch of simulated requests (key {@code tick})
 * @param seed seed of all randomness; the same seed gives the same instance ids, churn and incidents
 * @param churnInterval how often an instance dies or restarts and an incident may begin;
 *     {@link Duration#ZERO} turns churn and incidents off (key {@code churn-interval})
 * @param incidentProbability chance, at each churn interval, that an error burst or latency regression
 *     begins (key {@code incident-probability})
 * @param incidentDuration how long an incident lasts (key {@code incident-duration})
 * @param dayLength length of one simulated day: the daily traffic cycle, the weekly cycle (7 days) and slow
 *     trends such as disk growth are scaled to it; the default is the real 24 hours (key {@code day-length})
 * @param regions regions the instances are spread over, round robin (key {@code regions})
 * @param ingestToken if not null, sent as {@code Authorization: Bearer <token>} with every push (key
 *     {@code ingest-token})
 * @param schedule when scheduled incidents and misbehaving instances come (keys {@code first-incident},
 *     {@code incident-interval}, {@code misbehave-interval}, {@code misbehave-duration})
 */
public record DemoConfig(
    List<String> services,
    int instancesPerService,
    Duration step,
    Duration tick,
    long seed,
    Duration churnInterval,
    double incidentProbability,
    Duration incidentDuration,
    Duration dayLength,
    List<String> regions,
    String ingestToken,
    DemoSchedule schedule) {

  /** Prefix of every key in {@link #validate()} messages. */
  public static final String PREFIX = "demo.";

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
  private static final Set<String> KEYS = Set.of("services", "instances-per-service", "step", "tick", "seed",
      "churn-interval", "incident-probability", "incident-duration", "day-length", "regions", "ingest-token",
      "first-incident", "incident-interval", "misbehave-interval", "misbehave-duration");

  public DemoConfig {
    services = services == null ? null : List.copyOf(services);
    regions = regions == null ? null : List.copyOf(regions);
    schedule = schedule == null ? DemoSchedule.defaults() : schedule;
  }

  /** The configuration with the default {@link DemoSchedule}. */
  public DemoConfig(List<String> services, int instancesPerService, Duration step, Duration tick, long seed,
      Duration churnInterval, double incidentProbability, Duration incidentDuration, Duration dayLength,
      List<String> regions, String ingestToken) {
    this(services, instancesPerService, step, tick, seed, churnInterval, incidentProbability, incidentDuration,
        dayLength, regions, ingestToken, DemoSchedule.defaults());
  }

  public DemoConfig withSchedule(DemoSchedule v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, churnInterval, incidentProbability,
        incidentDuration, dayLength, regions, ingestToken, v);
  }

  /** Three services of three instances, a 10 s step, real 24 h days, churn every 5 minutes. */
  public static DemoConfig defaults() {
    return new DemoConfig(List.of("checkout", "search", "accounts"), 3, Duration.ofSeconds(10),
        Duration.ofSeconds(1), 42L, Duration.ofMinutes(5), 0.2, Duration.ofMinutes(5), Duration.ofHours(24),
        List.of("eu-west-1", "us-east-1"), null);
  }

  /**
   * A compressed world for tests and quick looks: a 10-minute day, 1 s step, 100 ms ticks, churn every 30 s and
   * 1-minute incidents. Numbers per request stay honest; only the cycles and trends run faster.
   */
  public static DemoConfig fastDay() {
    return defaults().withDayLength(Duration.ofMinutes(10)).withStep(Duration.ofSeconds(1))
        .withTick(Duration.ofMillis(100)).withChurnInterval(Duration.ofSeconds(30))
        .withIncidentDuration(Duration.ofMinutes(1));
  }

  public DemoConfig withServices(List<String> v) {
    return new DemoConfig(v, instancesPerService, step, tick, seed, churnInterval, incidentProbability,
        incidentDuration, dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withInstancesPerService(int v) {
    return new DemoConfig(services, v, step, tick, seed, churnInterval, incidentProbability, incidentDuration,
        dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withStep(Duration v) {
    return new DemoConfig(services, instancesPerService, v, tick, seed, churnInterval, incidentProbability,
        incidentDuration, dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withTick(Duration v) {
    return new DemoConfig(services, instancesPerService, step, v, seed, churnInterval, incidentProbability,
        incidentDuration, dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withSeed(long v) {
    return new DemoConfig(services, instancesPerService, step, tick, v, churnInterval, incidentProbability,
        incidentDuration, dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withChurnInterval(Duration v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, v, incidentProbability,
        incidentDuration, dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withIncidentProbability(double v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, churnInterval, v, incidentDuration,
        dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withIncidentDuration(Duration v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, churnInterval, incidentProbability, v,
        dayLength, regions, ingestToken, schedule);
  }

  public DemoConfig withDayLength(Duration v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, churnInterval, incidentProbability,
        incidentDuration, v, regions, ingestToken, schedule);
  }

  public DemoConfig withRegions(List<String> v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, churnInterval, incidentProbability,
        incidentDuration, dayLength, v, ingestToken, schedule);
  }

  public DemoConfig withIngestToken(String v) {
    return new DemoConfig(services, instancesPerService, step, tick, seed, churnInterval, incidentProbability,
        incidentDuration, dayLength, regions, v, schedule);
  }

  /**
   * Everything wrong with this configuration, one message per problem, each starting with the full key (for
   * example {@code demo.instances-per-service must be between 1 and 50, was 0}); empty when valid.
   */
  public List<String> validate() {
    List<String> problems = new ArrayList<>();
    if (services == null || services.isEmpty()) {
      problems.add(PREFIX + "services must name at least one service");
    } else {
      if (services.size() > 20) {
        problems.add(PREFIX + "services must name at most 20 services, has " + services.size());
      }
      Set<String> seen = new HashSet<>();
      for (String s : services) {
        if (s == null || !SERVICE_NAME.matcher(s).matches()) {
          problems.add(PREFIX + "services: '" + s + "' is not a service name (lower-case letters, digits, '-',"
              + " starting with a letter, at most 40 characters)");
        } else if (!seen.add(s)) {
          problems.add(PREFIX + "services: '" + s + "' is listed twice");
        }
      }
    }
    if (instancesPerService < 1 || instancesPerService > 50) {
      problems.add(PREFIX + "instances-per-service must be between 1 and 50, was " + instancesPerService);
    }
    between(problems, "step", step, Duration.ofMillis(50), Duration.ofHours(1));
    between(problems, "tick", tick, Duration.ofMillis(10), Duration.ofMinutes(1));
    if (churnInterval == null || churnInterval.isNegative()) {
      problems.add(PREFIX + "churn-interval must be 0 (off) or a positive duration, was " + churnInterval);
    } else if (!churnInterval.isZero() && tick != null && churnInterval.compareTo(tick) < 0) {
      problems.add(PREFIX + "churn-interval must be 0 (off) or at least one tick (" + tick + "), was "
          + churnInterval);
    }
    if (!(incidentProbability >= 0 && incidentProbability <= 1)) {
      problems.add(PREFIX + "incident-probability must be between 0 and 1, was " + incidentProbability);
    }
    between(problems, "incident-duration", incidentDuration, Duration.ofMillis(10), Duration.ofDays(7));
    between(problems, "day-length", dayLength, Duration.ofSeconds(1), Duration.ofDays(7));
    if (regions == null || regions.isEmpty() || regions.stream().anyMatch(r -> r == null || r.isBlank())) {
      problems.add(PREFIX + "regions must list at least one non-empty region");
    }
    problems.addAll(schedule.validate());
    if (ingestToken != null && ingestToken.isBlank()) {
      problems.add(PREFIX + "ingest-token must not be blank (leave it out to send none)");
    }
    return List.copyOf(problems);
  }

  /** Throws {@link IllegalArgumentException} listing every problem {@link #validate()} finds. */
  public DemoConfig requireValid() {
    List<String> problems = validate();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid demo configuration: " + String.join("; ", problems));
    }
    return this;
  }

  private static void between(List<String> problems, String key, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      problems.add(PREFIX + key + " must be between " + min + " and " + max + ", was " + d);
    }
  }

  /**
   * Reads the {@code demo} section of the configuration; absent keys keep their {@link #defaults()}.
   *
   * @throws IllegalArgumentException naming every unknown key, badly typed value and {@link #validate()}
   *     problem
   */
  public static DemoConfig fromJson(JsonObject json) {
    DemoConfig d = defaults();
    if (json == null) {
      return d;
    }
    List<String> problems = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        problems.add(PREFIX + key + " is not a known key (known: " + String.join(", ", KEYS.stream().sorted()
            .toList()) + ")");
      }
    }
    Map<String, Object> m = json.getMap();
    DemoConfig c = new DemoConfig(
        strings(m, "services", d.services(), problems),
        (int) integer(m, "instances-per-service", d.instancesPerService(), problems),
        duration(m, "step", d.step(), problems),
        duration(m, "tick", d.tick(), problems),
        integer(m, "seed", d.seed(), problems),
        duration(m, "churn-interval", d.churnInterval(), problems),
        number(m, "incident-probability", d.incidentProbability(), problems),
        duration(m, "incident-duration", d.incidentDuration(), problems),
        duration(m, "day-length", d.dayLength(), problems),
        strings(m, "regions", d.regions(), problems),
        string(m, "ingest-token", d.ingestToken(), problems),
        new DemoSchedule(duration(m, "first-incident", d.schedule().firstIncident(), problems),
            duration(m, "incident-interval", d.schedule().incidentInterval(), problems),
            duration(m, "misbehave-interval", d.schedule().misbehaveInterval(), problems),
            duration(m, "misbehave-duration", d.schedule().misbehaveDuration(), problems)));
    if (problems.isEmpty()) {
      problems.addAll(c.validate());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid demo configuration: " + String.join("; ", problems));
    }
    return c;
  }

  private static List<String> strings(Map<String, Object> m, String key, List<String> def, List<String> problems) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    List<?> raw = v instanceof JsonArray a ? a.getList() : v instanceof List<?> l ? l : null;
    if (raw == null) {
      problems.add(PREFIX + key + " must be a list of strings, was " + v);
      return def;
    }
    List<String> out = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof String s)) {
        problems.add(PREFIX + key + " must be a list of strings, has " + o);
        return def;
      }
      out.add(s);
    }
    return out;
  }

  private static String string(Map<String, Object> m, String key, String def, List<String> problems) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof String s) {
      return s;
    }
    problems.add(PREFIX + key + " must be a string");
    return def;
  }

  private static long integer(Map<String, Object> m, String key, long def, List<String> problems) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      if (v instanceof Double || v instanceof Float) {
        return (long) n.doubleValue();
      }
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(PREFIX + key + " must be a whole number, was " + v);
    return def;
  }

  private static double number(Map<String, Object> m, String key, double def, List<String> problems) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(PREFIX + key + " must be a number, was " + v);
    return def;
  }

  private static Duration duration(Map<String, Object> m, String key, Duration def, List<String> problems) {
    Object v = m.get(key);
    if (v == null) {
      return def;
    }
    Duration d = parseDuration(v);
    if (d == null) {
      problems.add(PREFIX + key + " must be a duration such as 500ms, 10s, 5m, 24h, 2d or PT10S, was " + v);
      return def;
    }
    return d;
  }

  /** {@code 500ms}, {@code 10s}, {@code 1.5m}, {@code 24h}, {@code 2d}, ISO-8601, or a number of seconds. */
  static Duration parseDuration(Object v) {
    if (v instanceof Number n) {
      return seconds(n.doubleValue());
    }
    if (!(v instanceof String raw)) {
      return null;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      try {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher matcher = DURATION.matcher(s);
    if (!matcher.matches()) {
      try {
        return seconds(Double.parseDouble(s));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    double amount = Double.parseDouble(matcher.group(1));
    double nanosPerUnit = switch (matcher.group(2)) {
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      default -> 86400e9;
    };
    return Duration.ofNanos(Math.round(amount * nanosPerUnit));
  }

  private static Duration seconds(double s) {
    return Double.isFinite(s) && Math.abs(s) < 1e9 ? Duration.ofNanos(Math.round(s * 1e9)) : null;
  }
}
