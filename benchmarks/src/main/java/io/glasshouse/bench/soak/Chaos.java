package io.glasshouse.bench.soak;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults on the real-time schedule of the simulated minutes, on a thread of their own so that they hit the
 * server while readings are in flight: {@code kill -9} followed at once by a restart, and the store outage
 * (see {@link StoreOutage}) during which {@code /health/ready} is polled.
 */
final class Chaos {
  private final SoakOptions options;
  private final ServerProcess server;
  private final Path database;
  private final PrintStream out;
  private Thread thread;
  /** Restart time after each kill, ms. */
  final List<Long> kills = new CopyOnWriteArrayList<>();
  volatile String storeOutage = "none";
  final AtomicReference<String> failure = new AtomicReference<>();

  Chaos(SoakOptions options, ServerProcess server, Path database, PrintStream out) {
    this.options = options;
    this.server = server;
    this.database = database;
    this.out = out;
  }

  void start(long realStartNanos) {
    thread = new Thread(() -> {
      try {
        TreeMap<Double, String> events = new TreeMap<>();
        options.kills.forEach(m -> events.put(m, "kill"));
        if (options.storeOutageTo > options.storeOutageFrom) {
          events.put(options.storeOutageFrom, "store");
        }
        for (var e : events.entrySet()) {
          sleepUntil(realStartNanos + options.realMs(e.getKey()) * 1_000_000L);
          if (e.getValue().equals("kill")) {
            kill(e.getKey());
          } else {
            storeOutage(realStartNanos);
          }
        }
      } catch (Exception e) {
        failure.set("chaos: " + e);
      }
    }, "soak-chaos");
    thread.start();
  }

  void join() throws InterruptedException {
    thread.join();
  }

  private void kill(double minute) throws Exception {
    server.kill9();
    long t = System.nanoTime();
    server.start(Duration.ofSeconds(90));
    long ms = (System.nanoTime() - t) / 1_000_000;
    kills.add(ms);
    out.printf("[chaos] simulated minute %.1f: kill -9, restarted and ready in %d ms (pid %d)%n", minute, ms,
        server.pid());
  }

  private void storeOutage(long realStartNanos) throws Exception {
    long t = System.nanoTime();
    StoreOutage lock = StoreOutage.begin(database);
    out.printf("[chaos] simulated minute %.1f: store outage: write lock of %s held from outside (took %d ms)%n",
        options.storeOutageFrom, database.getFileName(), (System.nanoTime() - t) / 1_000_000);
    long end = realStartNanos + options.realMs(options.storeOutageTo) * 1_000_000L;
    int polls = 0;
    int notReady = 0;
    while (System.nanoTime() < end) {
      polls++;
      if (server.status("/health/ready") != 200) {
        notReady++;
      }
      Thread.sleep(250);
    }
    lock.close();
    long released = System.nanoTime();
    long recovered = -1;
    while (System.nanoTime() - released < 60_000_000_000L) {
      if (server.status("/health/ready") == 200) {
        recovered = (System.nanoTime() - released) / 1_000_000;
        break;
      }
      Thread.sleep(100);
    }
    storeOutage = String.format("minutes %.1f-%.1f (%.0f s real): /health/ready not 200 in %d of %d polls; "
        + "200 again %d ms after release", options.storeOutageFrom, options.storeOutageTo,
        (options.realMs(options.storeOutageTo) - options.realMs(options.storeOutageFrom)) / 1000.0, notReady, polls,
        recovered);
    out.println("[chaos] store outage over: " + storeOutage);
    if (recovered < 0) {
      failure.set("/health/ready did not return to 200 within 60 s of the store outage's end");
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
