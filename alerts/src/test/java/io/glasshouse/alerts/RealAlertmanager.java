package io.glasshouse.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Debian's prometheus-alertmanager, started on loopback on a free port with temporary storage; stopped on close. */
final class RealAlertmanager implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  final int port;
  private final Process process;

  private RealAlertmanager(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static RealAlertmanager start(Path dir, String configYaml, Vertx vertx, WebClient client) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, configYaml);
    Files.createDirectories(dir.resolve("data"));
    Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--storage.path=" + dir.resolve("data"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    RealAlertmanager am = new RealAlertmanager(port, p);
    poll(vertx, () -> client.getAbs(am.url("/-/ready")).send().map(r -> r.statusCode() == 200).otherwise(false),
        ok -> ok, Duration.ofSeconds(30)).await();
    return am;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Polls {@code call} every 100 ms (on Vert.x timers) until {@code done} holds; fails after {@code limit}. */
  static <T> Future<T> poll(Vertx vertx, Supplier<Future<T>> call, Predicate<T> done, Duration limit) {
    long tries = limit.toMillis() / 100;
    return attempt(vertx, call, done, tries);
  }

  private static <T> Future<T> attempt(Vertx vertx, Supplier<Future<T>> call, Predicate<T> done, long left) {
    return call.get().compose(v -> {
      if (done.test(v)) {
        return Future.succeededFuture(v);
      }
      if (left <= 0) {
        return Future.failedFuture(new AssertionError("condition not met in time; last value: " + v));
      }
      return vertx.timer(100).compose(x -> attempt(vertx, call, done, left - 1));
    });
  }

  static Buffer body(String s) {
    return Buffer.buffer(s);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
