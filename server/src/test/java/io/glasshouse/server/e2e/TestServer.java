package io.glasshouse.server.e2e;

import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole Glasshouse in-process for an end-to-end test, as a JUnit extension: a free loopback port, a fresh data
 * folder, a configuration with them set on top of the defaults, a web client, and after each test the server
 * stopped (also one the test restarted) and the folder removed.
 *
 * <pre>{@code
 * @RegisterExtension final TestServer gh = new TestServer(clock);
 * ...
 * GlasshouseConfig c = gh.config();               // port, host 127.0.0.1, data folder, drain-delay 0s
 * c.override("components", "items", new JsonArray().add(TestServer.component("checkout", "Checkout")));
 * Glasshouse server = gh.start(c);                // gh.restart(c) stops it and starts again on the same folder
 * gh.client().get(gh.port(), "127.0.0.1", "/api/v1/components").send();
 * }</pre>
 *
 * <p>{@code drain-delay} is 0 so that a {@code ManualClock} never holds a stop; each test may override any key.
 */
public final class TestServer implements BeforeEachCallback, AfterEachCallback {
  /**
   * How long a stop may take before the test fails. The final checkpoint runs in it, and encodes histograms on an
   * event loop: after the demo's backfill that took more than 30 s at a load average of 25 on two cores.
   */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

  private final Clock clock;
  private final WebClientOptions clientOptions;
  private Path dir;
  private int port;
  private Vertx vertx;
  private WebClient client;
  private Glasshouse server;

  /** A server that reads its time from {@code clock} (a {@code ManualClock}, or {@code Clock.systemUTC()}). */
  public TestServer(Clock clock) {
    this(clock, new WebClientOptions());
  }

  /** The same, with the web client's own options (say, no decompression to see the server's encoding). */
  public TestServer(Clock clock, WebClientOptions clientOptions) {
    this.clock = clock;
    this.clientOptions = clientOptions;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("glasshouse-e2e");
    port = freePort();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      stop();
    } finally {
      if (vertx != null) {
        Await.result(vertx.close());
        vertx = null;
        client = null;
      }
      delete(dir);
    }
  }

  /** The defaults with port, loopback host, data folder and no drain delay set. */
  public GlasshouseConfig config() {
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dir.toString());
    c.override("server", "drain-delay", "0s");
    return c;
  }

  /** Starts the server with {@code config} (without the demo); it is stopped after the test. */
  public Glasshouse start(GlasshouseConfig config) {
    return start(config, false);
  }

  /** Starts the server with {@code config}, and the demo fleet when {@code demo}; stopped after the test. */
  public Glasshouse start(GlasshouseConfig config, boolean demo) {
    server = Await.result(Glasshouse.start(config, demo, clock));
    return server;
  }

  /** Stops the running server (graceful: its final checkpoint) and starts it again on the same folder. */
  public Glasshouse restart(GlasshouseConfig config) throws Exception {
    stop();
    return start(config);
  }

  /** Stops the running server, if any. */
  public void stop() throws Exception {
    if (server != null) {
      Glasshouse s = server;
      server = null;
      s.stop(STOP_TIMEOUT);
    }
  }

  /** The running server (null before {@link #start} and after {@link #stop}). */
  public Glasshouse server() {
    return server;
  }

  public int port() {
    return port;
  }

  /** The data folder, fresh for each test. */
  public Path dir() {
    return dir;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /** A web client on the test's own {@link #vertx()}, created on first use. */
  public WebClient client() {
    if (client == null) {
      client = WebClient.create(vertx(), clientOptions);
    }
    return client;
  }

  /** A Vert.x of the test's own (not the server's) for clients, created on first use, closed after the test. */
  public Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** A component of the {@code components.items} list: id, name and the services it is made of. */
  public static JsonObject component(String id, String name, String... services) {
    return new JsonObject().put("id", id).put("name", name).put("services", new JsonArray(java.util.List.of(services)));
  }

  /** A port nobody listens on now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
