package io.glasshouse.server.e2e;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;

/**
 * A whole Glasshouse started in this JVM the way {@code Main} starts it, on a free port with its own data folder,
 * its time from a manual clock the test also gives its clients. Nothing is mocked.
 */
public final class InProcessServer implements AutoCloseable {
  public final ManualClock clock;
  public final int port;
  public final Path dataDir;
  public final Vertx clientVertx = Vertx.vertx();
  public final WebClient client = WebClient.create(clientVertx);
  public final ReadApi read;
  private final Map<String, Object> rollupOverrides;
  private final Consumer<GlasshouseConfig> configure;
  private final Map<String, Object> serverOverrides;
  private Glasshouse glasshouse;

  private InProcessServer(ManualClock clock, Path dataDir, Map<String, Object> rollupOverrides,
      Map<String, Object> serverOverrides, Consumer<GlasshouseConfig> configure) {
    this.clock = clock;
    this.configure = configure;
    this.rollupOverrides = rollupOverrides;
    this.serverOverrides = serverOverrides;
    this.dataDir = dataDir;
    this.port = freePort();
    this.read = new ReadApi(client, port);
  }

  /** Starts a server whose first start defines the store's history start: {@code clock.instant()}. */
  public static InProcessServer start(ManualClock clock, Path dataDir, Map<String, Object> rollupOverrides) {
    return start(clock, dataDir, rollupOverrides, Map.of(), c -> { });
  }

  /** As above; {@code configure} changes the configuration after the defaults here (open read API, loopback). */
  public static InProcessServer start(ManualClock clock, Path dataDir, Map<String, Object> rollupOverrides,
      Consumer<GlasshouseConfig> configure) {
    return start(clock, dataDir, rollupOverrides, Map.of(), configure);
  }

  /**
   * As above with overrides of the {@code server} section too; {@code server.drain-delay} is 0 unless given (the
   * manual clock would otherwise hold every stop).
   */
  public static InProcessServer start(ManualClock clock, Path dataDir, Map<String, Object> rollupOverrides,
      Map<String, Object> serverOverrides) {
    return start(clock, dataDir, rollupOverrides, serverOverrides, c -> { });
  }

  /** With {@code server} overrides and then {@code configure} applied. */
  public static InProcessServer start(ManualClock clock, Path dataDir, Map<String, Object> rollupOverrides,
      Map<String, Object> serverOverrides, Consumer<GlasshouseConfig> configure) {
    InProcessServer s = new InProcessServer(clock, dataDir, rollupOverrides, serverOverrides, configure);
    s.glasshouse = Await.result(Glasshouse.start(s.config(), false, clock));
    return s;
  }

  /** The running server. */
  public Glasshouse glasshouse() {
    return glasshouse;
  }

  /** Begins a graceful stop on a thread of its own, as SIGTERM's shutdown hook does; completes once it is over. */
  public CompletableFuture<Void> stopInBackground() {
    Glasshouse g = glasshouse;
    glasshouse = null;
    return CompletableFuture.runAsync(() -> {
      try {
        g.stop(Duration.ofSeconds(30));
      } catch (Exception e) {
        throw new IllegalStateException("graceful stop failed: " + e, e);
      }
    }, r -> new Thread(r, "test-sigterm").start());
  }

  /** Starts again on the same port and data folder after {@link #stopInBackground} completed. */
  public void startAgain() {
    glasshouse = Await.result(Glasshouse.start(config(), false, clock));
  }

  /** Graceful stop, then a new start on the same port and data folder, as an operator's restart would. */
  public void restart() throws Exception {
    glasshouse.stop(Duration.ofSeconds(30));
    glasshouse = null;
    glasshouse = Await.result(Glasshouse.start(config(), false, clock));
  }

  private GlasshouseConfig config() {
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dataDir.toString());
    c.override("server", "event-loops", 2);
    c.override("server", "open-read", true);
    c.override("server", "drain-delay", "0s");
    serverOverrides.forEach((k, v) -> c.override("server", k, v));
    rollupOverrides.forEach((k, v) -> c.override("rollup", k, v));
    configure.accept(c);
    return c;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public Instant now() {
    return clock.instant();
  }

  public void advance(Duration d) {
    clock.add(d);
  }

  @Override
  public void close() {
    try {
      if (glasshouse != null) {
        glasshouse.stop(Duration.ofSeconds(30));
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("graceful stop failed: " + e, e);
    } finally {
      client.close();
      Await.result(clientVertx.close());
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
