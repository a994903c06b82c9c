package io.glasshouse.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code glasshouse.jar} (system property {@code glasshouse.jar}, set by failsafe) running as a
 * separate process, its output in a log file.
 */
public final class GlasshouseProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final int port;
  public final Path log;
  private final Process process;

  private GlasshouseProcess(int port, Path log, Process process) {
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code java -jar glasshouse.jar ARGS} with extra environment variables, output into {@code log}. */
  public static GlasshouseProcess start(Path log, Map<String, String> env, int port, String... args) {
    String jar = System.getProperty("glasshouse.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property glasshouse.jar must name the packaged jar, got " + jar);
    }
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("GLASSHOUSE_"));
    // the tests read what they sent without tokens: the read API needs the read scope unless opened
    pb.environment().put("GLASSHOUSE_SERVER_OPEN_READ", "true");
    pb.environment().putAll(env);
    try {
      return new GlasshouseProcess(port, log, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a server on {@code port} with its data in {@code data}, and waits until it says it is ready. */
  public static GlasshouseProcess serve(Path data, Path log, Map<String, String> env) {
    int port = InProcessServer.freePort();
    GlasshouseProcess p = start(log, env, port, "--port", Integer.toString(port), "--data", data.toString());
    p.awaitReady();
    return p;
  }

  public void awaitReady() {
    Await.until("GET /health/ready to answer 200 (log: " + log + ")", () -> {
      if (!process.isAlive()) {
        throw new AssertionError("Glasshouse exited with " + process.exitValue() + " before it was ready:\n" + logText());
      }
      return get("/health/ready") == 200;
    }, Duration.ofSeconds(90));
  }

  private int get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** {@code kill -9}: SIGKILL, no shutdown hook runs. */
  public void kill9() {
    process.destroyForcibly();
  }

  /** {@code kill}: SIGTERM, the graceful shutdown. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the process to end; returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("Glasshouse did not exit within " + timeout + ":\n" + logText());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the process if it still runs (test clean-up). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
