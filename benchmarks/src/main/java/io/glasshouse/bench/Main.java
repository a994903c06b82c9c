package io.glasshouse.bench;

import io.glasshouse.bench.loadgen.LoadGenerator;
import io.glasshouse.bench.memory.HeapPerSeries;
import io.glasshouse.bench.profile.JfrTop;
import io.glasshouse.bench.readload.ReadLoad;
import io.glasshouse.bench.serve.BenchServer;
import io.glasshouse.bench.slo.SloEvalBench;
import io.glasshouse.bench.soak.Soak;
import java.util.Arrays;

/**
 * Entry point of {@code glasshouse-bench.jar}: dispatches to a tool by its first argument.
 *
 * <ul>
 *   <li>{@code loadgen}: the remote-write / OTLP load generator ({@link LoadGenerator});</li>
 *   <li>{@code jmh}: the JMH benchmarks; further arguments go to JMH ({@code -f 1 -wi 2 -i 3 Decode});</li>
 *   <li>{@code heap}: heap per active series of a real rollup engine ({@link HeapPerSeries});</li>
 *   <li>{@code serve}: collector and rollup engine on one port, wired like the launcher, for measuring before
 *       {@code server/target/glasshouse.jar} exists ({@link BenchServer});</li>
 *   <li>{@code jfr-top}: top frames of a JFR recording's execution samples ({@link JfrTop});</li>
 *   <li>{@code readload}: read-API queries as fast as the server answers ({@link ReadLoad});</li>
 *   <li>{@code soak}: churn, outages and {@code kill -9} against the packaged server, then its per-minute totals
 *       against an independent tally ({@link Soak}).</li>
 *   <li>{@code slo}: CPU per SLO refresh, forecast and count-read cost ({@link SloEvalBench}).</li>
 * </ul>
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "loadgen" -> System.exit(LoadGenerator.run(rest));
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      case "heap" -> HeapPerSeries.main(rest);
      case "serve" -> BenchServer.main(rest);
      case "jfr-top" -> JfrTop.main(rest);
      case "readload" -> System.exit(ReadLoad.run(rest));
      case "soak" -> System.exit(Soak.run(rest));
      case "slo" -> SloEvalBench.main(rest);
      case "-h", "--help", "help" -> usage();
      default -> {
        System.err.println("unknown command '" + args[0] + "'");
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.err.println("""
        usage: java -jar glasshouse-bench.jar <command> [options]
          loadgen --target URL [--protocol remote-write|otlp] [--instances 200] [--series 1000]
                  [--samples-per-request N] [--rate 0] [--duration 30s] [--warmup 5s] [--concurrency 8]
                  [--mix counters|gauges|histograms|mixed] [--server-pid PID]   (loadgen --help for all)
          jmh     [JMH options, e.g. -f 1 -wi 2 -i 3 Decode]
          heap    [--instances 200] [--series 1000] [--kind counters|histograms]
          serve   [--data DIR] [--port 18080]
          jfr-top FILE.jfr [--top 25] [--thread SUBSTRING] [--callers FRAME [--depth 4]]
          readload --target URL [--concurrency 4] [--duration 30] [--warmup 20] [--mix counters|mixed]
          soak    [--sim-minutes 120] [--speed 30] [--kills 12,30,58,80,105] [--outage 40-70]
                  [--store-outage 86-96]   (soak --help for all)
          slo     [--slos 1000] [--rounds 3] [--forecasts 5] [--read-services 20] [--read-days 2]""");
  }
}
