package io.glasshouse.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged Glasshouse jar as a child process on loopback: start, wait until ready, {@code kill -9}, stop. */
final class ServerProcess {
  private final Path jar;
  private final Path config;
  private final Path data;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Process process;
  private int starts;

  ServerProcess(Path jar, Path config, Path data, Path log, int port) {
    this.jar = jar;
    this.config = config;
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /** Starts the jar and waits (up to {@code timeout}) until {@code /health/ready} answers 200. */
  synchronized void start(Duration timeout) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", jar.toString(), "--config", config.toString(), "--data", data.toString(),
        "--port", Integer.toString(port)));
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    starts++;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Glasshouse exited with " + process.exitValue() + " during start-up; see " + log);
      }
      if (status("/health/ready") == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException("Glasshouse not ready after " + timeout + "; see " + log);
  }

  /** SIGKILL, then waits for the process to be gone. */
  synchronized void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM and waits; returns the exit code. */
  synchronized int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  /** SIGKILL if still running (shutdown hook: the benchmark never leaves a server behind). */
  synchronized void destroyIfAlive() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  long pid() {
    return process.pid();
  }

  int starts() {
    return starts;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** The HTTP status of a GET, or -1 when nothing answered. */
  int status(String path) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(2)).GET().build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
