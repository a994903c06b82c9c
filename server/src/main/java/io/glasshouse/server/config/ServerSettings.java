package io.glasshouse.server.config;

import io.glasshouse.rollup.config.ConfigValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code server} section.
 *
 * @param port the one HTTP port for ingest, reads, pages and the server's own metrics (default 8080)
 * @param host the address to listen on (default 0.0.0.0)
 * @param dataDir the data folder: the SQLite store and the journal (default ./data)
 * @param eventLoops HTTP verticle instances, one per core by default
 * @param staffTokens bearer tokens for staff pages, reports and the config API (older key: scopes read and admin;
 *     {@code tokens} and {@code open-read} are read by {@link AccessSettings})
 * @param shutdownTimeout how long SIGTERM waits for in-flight requests
 * @param drainDelay how long after SIGTERM the server goes on answering every request while {@code /health/ready}
 *     already says 503, so that load balancers stop sending before the listener closes (default 5s, 0 allowed)
 * @param startTimeout how long start-up (journal replay, the start-up checkpoint, every part, the listener) may
 *     take before the process gives up with a message naming the part still starting (default 120s)
 */
public record ServerSettings(int port, String host, Path dataDir, int eventLoops, Set<String> staffTokens,
    Duration shutdownTimeout, Duration drainDelay, Duration startTimeout) {
  private static final Set<String> KEYS = Set.of("port", "host", "data", "event-loops", "staff-tokens",
      "shutdown-timeout", "drain-delay", "start-timeout", "store", "tokens", "open-read");

  public static ServerSettings fromJson(JsonObject s) {
    for (String k : s.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown key server." + k + "; known keys: " + new java.util.TreeSet<>(KEYS));
      }
    }
    int port = ConfigValues.integer(s, "server.port", "port", 8080);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("server.port must be between 0 and 65535, got " + port);
    }
    int loops = ConfigValues.integer(s, "server.event-loops", "event-loops", Runtime.getRuntime().availableProcessors());
    if (loops < 1 || loops > 256) {
      throw new IllegalArgumentException("server.event-loops must be between 1 and 256, got " + loops);
    }
    Object store = s.getValue("store", "sqlite");
    if (!"sqlite".equals(store)) {
      throw new IllegalArgumentException("server.store must be 'sqlite' (the embedded store), got '" + store + "'");
    }
    Set<String> tokens = new LinkedHashSet<>();
    Object t = s.getValue("staff-tokens");
    if (t instanceof JsonArray a) {
      a.forEach(x -> tokens.add(String.valueOf(x)));
    } else if (t != null) {
      throw new IllegalArgumentException("server.staff-tokens must be a list of tokens");
    }
    Duration drainDelay = ConfigValues.duration(s, "server.drain-delay", "drain-delay", Duration.ofSeconds(5));
    if (drainDelay.isNegative() || drainDelay.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("server.drain-delay must be between 0s and 5m, got " + drainDelay);
    }
    Duration startTimeout = ConfigValues.duration(s, "server.start-timeout", "start-timeout", Duration.ofSeconds(120));
    if (startTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("server.start-timeout must be at least 1s, got " + startTimeout
          + "; a large journal takes minutes to replay");
    }
    return new ServerSettings(port, s.getString("host", "0.0.0.0"), Path.of(String.valueOf(s.getValue("data", "data"))),
        loops, Set.copyOf(tokens),
        ConfigValues.duration(s, "server.shutdown-timeout", "shutdown-timeout", Duration.ofSeconds(20)), drainDelay,
        startTimeout);
  }
}
