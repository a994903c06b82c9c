package io.glasshouse.server.e2e.prometheus;

import io.glasshouse.server.e2e.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus}) started on loopback with a temporary configuration and storage
 * folder, its output in a log file. The tests need the binary: {@code apt-get install prometheus}.
 */
final class PrometheusProcess implements AutoCloseable {
  static final Path BINARY = Path.of(System.getProperty("prometheus.binary", "/usr/bin/prometheus"));

  final Path log;
  private final Process process;

  private PrometheusProcess(Path log, Process process) {
    this.log = log;
    this.process = process;
  }

  /** Fails with a message saying how to install Prometheus when the binary is missing. */
  static void requireInstalled() {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError("this test runs a real Prometheus, but " + BINARY + " is missing: "
          + "apt-get install prometheus (or set -Dprometheus.binary=PATH)");
    }
  }

  /** Starts Prometheus with {@code configYaml}, listening on {@code port}, storage and log under {@code dir}. */
  static PrometheusProcess start(Path dir, String configYaml, int port) {
    requireInstalled();
    try {
      Path config = Files.writeString(dir.resolve("prometheus.yml"), configYaml);
      Path log = dir.resolve("prometheus.log");
      Path storage = Files.createDirectories(dir.resolve("tsdb"));
      ProcessBuilder pb = new ProcessBuilder(List.of(BINARY.toString(),
          "--config.file=" + config,
          "--storage.tsdb.path=" + storage,
          "--web.listen-address=127.0.0.1:" + port,
          "--log.level=info"))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new PrometheusProcess(log, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails the test with Prometheus's log when the process has exited. */
  void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + logText());
    }
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  static Duration startupTimeout() {
    return Duration.ofSeconds(30);
  }
}
