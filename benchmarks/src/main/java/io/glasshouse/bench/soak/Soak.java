package io.glasshouse.bench.soak;

import io.glasshouse.rollup.cli.Cli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soak benchmark. Starts {@code server/target/glasshouse.jar} on loopback with a fresh data folder and runs a
 * simulated fleet against it through {@code POST /api/v1/ingest}: every instance reports its cumulative
 * counters, cumulative histogram and a gauge every simulated step, dated in simulated time.
 *
 * <p><b>Time.</b> Simulated time runs {@code --speed} times faster than real time and is dated <em>ahead</em>
 * of the server's clock (from now + 3 min, {@code --ahead}, to that + {@code --sim-minutes});
 * {@code collector.future-window} is raised to 4 h so the server accepts it. Per-minute cells, counter state and the read API work on those
 * timestamps. What the server measures by its own clock (arrival-based eviction, liveness, checkpoints) runs in
 * real time, so the windows it evicts by are shortened instead: {@code rollup.late-window} and
 * {@code rollup.stale-after} 2 s, making the eviction window (two of them) 4 real seconds; no sample is ever
 * late, as every timestamp is in the server's future. The fleet sweep runs at the first checkpoint after each
 * start, so the {@code kill -9} in the middle of the sender outage makes it evict the silent instances' series.
 *
 * <p><b>What happens</b> (defaults, in simulated minutes of 120): churn every 3 minutes (an instance dies and is
 * replaced by a new id, or restarts under its id; counters start again from 0 either way); the last service's
 * instances are silent from 40 to 70 (a sender outage of 60 real seconds, 15 × the eviction window) and then
 * return with their cumulative values; another process holds SQLite's write lock from 86 to 96 (a store outage:
 * checkpoints fail, {@code /health/ready} turns 503, ingest goes on into the journal); {@code kill -9} of the
 * server at 12, 30, 58, 80 and 105 while readings are in flight, restarted at once. Readings are retried until
 * they get a 2xx. At the end the read API's per-minute totals are compared with the {@link Tally}, live and once
 * more after a last {@code kill -9} and restart; any difference makes the exit code 1.
 */
public final class Soak {
  private Soak() {
  }

  /** Runs the benchmark; returns the process exit code (0: totals equal; 1: a difference or failure; 2: usage). */
  public static int run(String[] args) {
    return Cli.execute(new SoakOptions(), args, System.out, System.err);
  }

  /** Runs the benchmark with validated options; returns the process exit code. */
  static int run(SoakOptions o) throws Exception {
    PrintStream out = System.out;
    Path work = o.work != null ? Files.createDirectories(o.work) : Files.createTempDirectory("glasshouse-soak.");
    Path data = work.resolve("data");
    if (Files.exists(data)) {
      System.err.println(data + " exists; the soak needs a fresh data folder (give another --work)");
      return 2;
    }
    Path config = work.resolve("soak.yaml");
    Files.writeString(config, """
        collector:
          future-window: 4h
        rollup:
          late-window: %ds
          stale-after: %ds
          checkpoint-interval: 5s
          new-series-grace: 1s
        """.formatted(o.lateWindowSeconds, o.lateWindowSeconds));
    Path log = work.resolve("glasshouse.log");
    ServerProcess server = new ServerProcess(o.jar, config, data, log, o.port);
    out.printf("soak: %d services × %d instances, %d simulated minutes at %.0f× (%d s real), step %d s; work %s%n",
        o.services, o.instances, o.simMinutes, o.speed, o.realMs(o.simMinutes) / 1000, o.stepSeconds, work);
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroyIfAlive));
    server.start(Duration.ofSeconds(90));
    long t0 = Instant.now().plusSeconds(o.aheadSeconds).toEpochMilli() / 1000L * 1000L;
    out.printf("soak: server pid %d ready; simulated time starts at %s%n", server.pid(), Instant.ofEpochMilli(t0));

    Tally tally = new Tally();
    Sender sender = new Sender(server.base(), tally);
    Fleet fleet = new Fleet(o, new SplittableRandom(o.seed));
    Chaos chaos = new Chaos(o, server, data.resolve("glasshouse.db"), out);
    long realStart = System.nanoTime();
    AtomicReference<String> phase = new AtomicReference<>("running");
    Thread progress = new Thread(() -> progress(out, realStart, o, sender, fleet, chaos, server, phase),
        "soak-progress");
    progress.setDaemon(true);
    progress.start();
    chaos.start(realStart);

    int steps = o.simMinutes * 60 / o.stepSeconds;
    for (int k = 0; k < steps; k++) {
      long simMs = (long) k * o.stepSeconds * 1000;
      long due = realStart + Math.round(simMs * 1e6 / o.speed);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      double minute = simMs / 60_000.0;
      fleet.minute(minute);
      List<SimInstance.Reading> readings = fleet.stepReadings(t0 + simMs, minute);
      fleet.simMinute = minute;
      sender.sendAll(readings);
    }
    chaos.join();
    phase.set("done");
    progress.interrupt();
    long realMs = (System.nanoTime() - realStart) / 1_000_000;

    out.printf("%nsoak: fleet done after %.1f s real; %d readings acknowledged, %d retried; answers %s%n",
        realMs / 1000.0, sender.acked.get(), sender.retries.get(), new TreeMap<>(sender.outcomes));
    out.printf("soak: churn: %d replaced by a new id, %d restarted under their id; kill -9 × %d (restarts took %s ms);"
        + " server starts %d%n", fleet.replaced, fleet.restarted, chaos.kills.size(), chaos.kills, server.starts());
    out.printf("soak: sender outage of %s: minutes %.1f-%.1f (%.0f s real; eviction window %d s real)%n",
        fleet.services.get(fleet.services.size() - 1), o.outageFrom, o.outageTo,
        (o.realMs(o.outageTo) - o.realMs(o.outageFrom)) / 1000.0, 2 * o.lateWindowSeconds);
    out.println("soak: store outage: " + chaos.storeOutage);
    String logText = Files.readString(log);
    out.printf("soak: server log: %d checkpoint failures, %d fleet sweeps that forgot something: %s%n",
        count(logText, "checkpoint \\d+ failed"), count(logText, " forgot "), lines(logText, " forgot "));

    int failures = 0;
    if (!sender.refused.isEmpty()) {
      out.println("soak: FAILED: readings refused for good (4xx): " + sender.refused.size() + ", first: "
          + sender.refused.get(0));
      failures++;
    }
    long from = t0;
    long to = t0 + (long) o.simMinutes * 60_000L + 60_000L;
    ReadBack read = new ReadBack(server.base());
    long label0 = Math.floorDiv(t0, 60_000L) * 60_000L;
    out.println("\nsoak: per-minute totals (requests_total by status + latency_seconds count, all services), "
        + "live server");
    int d1 = ReadBack.compare(tally.perMinute, read.read(fleet.services, from, to), label0, out, true);
    server.kill9();
    long k0 = System.nanoTime();
    server.start(Duration.ofSeconds(90));
    out.printf("%nsoak: after one more kill -9 and restart (%d ms):%n", (System.nanoTime() - k0) / 1_000_000);
    int d2 = ReadBack.compare(tally.perMinute, read.read(fleet.services, from, to), label0, out, false);
    int exit = server.stop();
    out.printf("soak: SIGTERM exit code %d%n", exit);
    boolean ok = failures == 0 && d1 == 0 && d2 == 0 && chaos.failure.get() == null;
    if (chaos.failure.get() != null) {
      out.println("soak: FAILED: " + chaos.failure.get());
    }
    out.printf("RESULT soak=%s differing_cells_live=%d differing_cells_after_restart=%d readings=%d kills=%d "
        + "real_seconds=%.0f%n", ok ? "equal" : "DIFFERENT", d1, d2, sender.acked.get(), chaos.kills.size() + 1,
        realMs / 1000.0);
    return ok ? 0 : 1;
  }

  private static void progress(PrintStream out, long realStart, SoakOptions o, Sender sender, Fleet fleet,
                               Chaos chaos, ServerProcess server, AtomicReference<String> phase) {
    try {
      while (!"done".equals(phase.get())) {
        Thread.sleep(10_000);
        double sim = fleet.simMinute;
        out.printf("[%4.0fs] simulated %3.0f/%d min, %6d readings acked, %5d retried, kills %d, live instances %d%s,"
            + " ready %d%n", (System.nanoTime() - realStart) / 1e9, sim, o.simMinutes, sender.acked.get(),
            sender.retries.get(), chaos.kills.size(), fleet.size(),
            sim >= o.outageFrom && sim < o.outageTo ? " (sender outage)" : "", server.status("/health/ready"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long count(String text, String regex) {
    return java.util.regex.Pattern.compile(regex).matcher(text).results().count();
  }

  private static List<String> lines(String text, String regex) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    List<String> r = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (p.matcher(line).find()) {
        r.add(line.substring(line.indexOf(" forgot ") + 1));
      }
    }
    return r;
  }
}
