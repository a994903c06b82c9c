package io.glasshouse.rollup.forecast.eval;

import io.glasshouse.rollup.cli.Cli;
import io.glasshouse.rollup.cli.HelpOption;
import io.glasshouse.rollup.cli.DurationConverter;
import io.glasshouse.rollup.forecast.Baselines;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.forecast.HorizonForecast;
import io.glasshouse.rollup.forecast.Series;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Rolling-origin accuracy of the Glasshouse forecast against the baselines.
 *
 * <p>Usage: {@code forecast-eval --data DIR [--horizons 30m,1h,1d,1w] [--out FILE.json] [--origins 20]
 * [--forecasts DIR] [--no-progress]}. For every {@code timestamp,value} CSV under DIR (recursive), up to {@code --origins} evenly
 * spaced origins in the last 30% of the series; at each, the history up to the origin is forecast and compared
 * with the value {@code h} later. Per horizon it prints the median over series of MASE (scaled by the in-sample
 * one-day seasonal naive MAE) and sMAPE for Glasshouse and each baseline (naive, seasonal naive day and week,
 * linear trend), and the pooled 80%/95% interval coverage of Glasshouse. A horizon longer than a series'
 * evaluation window is skipped for that series, and the output says so. With {@code --forecasts DIR} every
 * origin's forecast and interval is written out ({@link ForecastDump}) so that other forecasters can be run on
 * exactly the same origins and scored on the same numbers. Exit code 0 on success, 2 for bad
 * arguments, 1 when no file could be evaluated.
 */
@Command(name = "forecast-eval", sortOptions = false,
    description = "Judges the forecasts on your own timestamp,value CSV files: rolling-origin MASE and sMAPE "
        + "against the baselines, and interval coverage.")
public final class ForecastEvalCommand implements Callable<Integer> {
  static final String[] METHODS = {"glasshouse", "naive", "snaive-day", "snaive-week", "linear"};
  static final Baselines.Kind[] KINDS = {Baselines.Kind.NAIVE, Baselines.Kind.SEASONAL_NAIVE_DAY,
      Baselines.Kind.SEASONAL_NAIVE_WEEK, Baselines.Kind.LINEAR_TREND};
  static final double EVAL_FRACTION = 0.3;
  /** The harness's own CPU-time meter (the machine is shared, so wall time alone overstates the cost of a fit). */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "folder of timestamp,value CSV files, searched recursively")
  Path data;
  @Option(names = "--horizons", split = ",", paramLabel = "LIST", hideParamSyntax = true, defaultValue = "30m,1h,1d,1w",
      converter = DurationConverter.class, description = "horizons to judge, comma-separated (default: ${DEFAULT-VALUE})")
  List<Duration> horizons;
  @Option(names = "--out", paramLabel = "FILE.json", description = "also write the figures as JSON")
  Path outFile;
  @Option(names = "--origins", paramLabel = "N", defaultValue = "20",
      description = "forecast origins per series (default: ${DEFAULT-VALUE})")
  int origins;
  @Option(names = "--forecasts", paramLabel = "DIR",
      description = "also write every origin's forecast and interval here, to score other forecasters on the same origins")
  Path forecastsDir;
  @Option(names = "--no-progress", description = "no progress bar on standard error")
  boolean noProgress;

  private final PrintStream out;

  /** A command printing its figures (and its errors) to {@code out}. */
  public ForecastEvalCommand(PrintStream out) {
    this.out = out;
  }

  /** Command-line entry for running it directly. */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the evaluation; returns the exit code. Progress goes to standard error unless {@code --no-progress}. */
  public static int run(String[] args, PrintStream out) {
    return Cli.execute(new ForecastEvalCommand(out), args, out, out);
  }

  @Override
  public Integer call() {
    if (!Files.isDirectory(data)) {
      throw new ParameterException(spec.commandLine(), "--data " + data + " is not a directory");
    }
    if (origins < 1) {
      throw new ParameterException(spec.commandLine(), "--origins must be at least 1, was " + origins);
    }
    boolean progress = !noProgress;
    List<Path> files = CsvSeries.find(data);
    if (files.isEmpty()) {
      out.println("error: no .csv files under " + data);
      return 1;
    }
    List<SeriesResult> results = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    ForecastDump dump = null;
    if (forecastsDir != null) {
      try {
        dump = new ForecastDump(forecastsDir);
      } catch (IOException e) {
        out.println("error: cannot write --forecasts " + forecastsDir + ": " + e.getMessage());
        return 1;
      }
    }
    Progress bar = new Progress(progress ? System.err : null, files.size());
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      String name = data.relativize(f).toString();
      bar.update(i, name);
      try {
        results.add(evaluate(name, CsvSeries.read(f), horizons, origins, Clock.systemUTC(), dump));
      } catch (IOException | RuntimeException e) {
        problems.add(name + ": " + e.getMessage());
      }
    }
    bar.update(files.size(), "done");
    if (dump != null) {
      try {
        dump.close();
        out.println("wrote every origin's forecast to " + forecastsDir.resolve("forecasts.csv"));
      } catch (IOException e) {
        out.println("error: cannot write --forecasts " + forecastsDir + ": " + e.getMessage());
        return 1;
      }
    }
    if (results.isEmpty()) {
      out.println("error: no file could be evaluated");
      problems.forEach(p -> out.println("  " + p));
      return 1;
    }
    JsonObject json = report(data, horizons, results, problems, out);
    return EvalOutput.write(outFile, json, out);
  }

  /** Accumulated errors of one method at one horizon on one series. */
  static final class Acc {
    double scaled;
    int scaledN;
    double smape;
    int smapeN;

    void add(double actual, double forecast, double scale) {
      if (!Double.isFinite(forecast)) {
        return;
      }
      double err = Math.abs(actual - forecast);
      if (scale > 0 && Double.isFinite(scale)) {
        scaled += err / scale;
        scaledN++;
      }
      double denom = Math.abs(actual) + Math.abs(forecast);
      smape += denom == 0 ? 0 : 200 * err / denom;
      smapeN++;
    }

    double mase() {
      return scaledN == 0 ? Double.NaN : scaled / scaledN;
    }

    double smapeMean() {
      return smapeN == 0 ? Double.NaN : smape / smapeN;
    }
  }

  /** One series' results per horizon. */
  record SeriesResult(String name, int points, long stepMs, int origins, Acc[][] acc, int[] inside80,
      int[] inside95, int[] count, String[] skipped, long fitMillis, long cpuNanos) {
  }

  static SeriesResult evaluate(String name, Series s, List<Duration> horizons, int maxOrigins) {
    return evaluate(name, s, horizons, maxOrigins, Clock.systemUTC(), null);
  }

  /**
   * As above, timing the Glasshouse forecasts (fit, backtest and path) with {@code clock} and writing every origin's
   * forecast to {@code dump} when it is not null.
   */
  static SeriesResult evaluate(String name, Series s, List<Duration> horizons, int maxOrigins, Clock clock,
      ForecastDump dump) {
    int dumpId = dump == null ? -1 : dump.series(s);
    long fitMillis = 0;
    long cpuNanos = 0;
    int n = s.size();
    int evalStart = n - (int) Math.round(EVAL_FRACTION * n);
    int window = n - evalStart;
    int nh = horizons.size();
    int[] steps = new int[nh];
    String[] skipped = new String[nh];
    List<Duration> usable = new ArrayList<>();
    int minSteps = Integer.MAX_VALUE;
    for (int k = 0; k < nh; k++) {
      steps[k] = (int) Math.max(1, Math.round(horizons.get(k).toMillis() / (double) s.stepMs()));
      if (steps[k] >= window) {
        skipped[k] = "horizon " + CsvSeries.format(horizons.get(k)) + " is longer than the evaluation window of "
            + window + " steps";
      } else {
        usable.add(horizons.get(k));
        minSteps = Math.min(minSteps, steps[k]);
      }
    }
    Acc[][] acc = new Acc[nh][METHODS.length];
    for (Acc[] row : acc) {
      for (int m = 0; m < row.length; m++) {
        row[m] = new Acc();
      }
    }
    int[] in80 = new int[nh];
    int[] in95 = new int[nh];
    int[] count = new int[nh];
    double[] v = s.values();
    int used = 0;
    if (!usable.isEmpty()) {
      int lo = evalStart - 1;
      int hi = n - 1 - minSteps;
      int k = Math.min(maxOrigins, hi - lo + 1);
      int prev = -1;
      for (int j = 0; j < k; j++) {
        int o = k == 1 ? lo : lo + (int) Math.round(j * (hi - lo) / (double) (k - 1));
        while (o > prev && !Double.isFinite(v[o])) {
          o--;
        }
        if (o <= prev || o < 1) {
          continue;
        }
        prev = o;
        used++;
        Series hist = s.head(o + 1);
        long started = clock.millis();
        long cpuStarted = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : 0;
        Forecast fc = Forecaster.defaults().forecast(hist, usable);
        fitMillis += clock.millis() - started;
        cpuNanos += CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() - cpuStarted : 0;
        double scale = Baselines.seasonalNaiveScale(hist);
        int[] usableSteps = new int[usable.size()];
        for (int u = 0, q = 0; u < nh; u++) {
          if (skipped[u] == null) {
            usableSteps[q++] = steps[u];
          }
        }
        double[][] base = new double[KINDS.length][];
        for (int b = 0; b < KINDS.length; b++) {
          base[b] = Baselines.forecast(hist, KINDS[b], usableSteps);
        }
        for (int u = 0, q = 0; u < nh; u++) {
          if (skipped[u] != null) {
            continue;
          }
          int qi = q++;
          int target = o + steps[u];
          if (target >= n || !Double.isFinite(v[target])) {
            continue;
          }
          double y = v[target];
          HorizonForecast hf = fc.horizons().get(qi);
          if (dump != null) {
            dump.row(dumpId, name, s.stepMs(), o, steps[u], CsvSeries.format(horizons.get(u)), y, scale, hf.point(),
                hf.lo80(), hf.hi80(), hf.lo95(), hf.hi95());
          }
          acc[u][0].add(y, hf.point(), scale);
          for (int b = 0; b < KINDS.length; b++) {
            acc[u][b + 1].add(y, base[b][qi], scale);
          }
          count[u]++;
          if (y >= hf.lo80() && y <= hf.hi80()) {
            in80[u]++;
          }
          if (y >= hf.lo95() && y <= hf.hi95()) {
            in95[u]++;
          }
        }
      }
    }
    return new SeriesResult(name, n, s.stepMs(), used, acc, in80, in95, count, skipped, fitMillis, cpuNanos);
  }

  static double median(List<Double> xs) {
    double[] a = xs.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).sorted().toArray();
    if (a.length == 0) {
      return Double.NaN;
    }
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static JsonObject report(Path data, List<Duration> horizons, List<SeriesResult> results,
      List<String> problems, PrintStream out) {
    int nh = horizons.size();
    JsonArray perHorizon = new JsonArray();
    double[][] mase = new double[nh][METHODS.length];
    double[][] smape = new double[nh][METHODS.length];
    int[] seriesN = new int[nh];
    int[] forecasts = new int[nh];
    double[] cov80 = new double[nh];
    double[] cov95 = new double[nh];
    for (int k = 0; k < nh; k++) {
      int in80 = 0;
      int in95 = 0;
      for (SeriesResult r : results) {
        if (r.count()[k] > 0) {
          seriesN[k]++;
          forecasts[k] += r.count()[k];
          in80 += r.inside80()[k];
          in95 += r.inside95()[k];
        }
      }
      cov80[k] = forecasts[k] == 0 ? Double.NaN : 100.0 * in80 / forecasts[k];
      cov95[k] = forecasts[k] == 0 ? Double.NaN : 100.0 * in95 / forecasts[k];
      JsonObject m = new JsonObject();
      JsonObject sm = new JsonObject();
      for (int j = 0; j < METHODS.length; j++) {
        List<Double> ms = new ArrayList<>();
        List<Double> ss = new ArrayList<>();
        for (SeriesResult r : results) {
          if (r.count()[k] > 0) {
            ms.add(r.acc()[k][j].mase());
            ss.add(r.acc()[k][j].smapeMean());
          }
        }
        mase[k][j] = median(ms);
        smape[k][j] = median(ss);
        m.put(METHODS[j], num(mase[k][j]));
        sm.put(METHODS[j], num(smape[k][j]));
      }
      perHorizon.add(new JsonObject().put("horizon", CsvSeries.format(horizons.get(k))).put("series", seriesN[k])
          .put("forecasts", forecasts[k]).put("medianMase", m).put("medianSmape", sm)
          .put("coverage80", num(cov80[k])).put("coverage95", num(cov95[k])));
    }
    out.println("Forecast accuracy on " + data + ": " + results.size() + " series, rolling origins over the last "
        + Math.round(EVAL_FRACTION * 100) + "%");
    table(out, "median MASE (lower is better; scale: in-sample one-day seasonal naive MAE)", horizons, seriesN, mase);
    table(out, "median sMAPE %", horizons, seriesN, smape);
    out.println();
    out.println("Glasshouse interval coverage (pooled over all forecasts; nominal 80% / 95%)");
    out.printf(Locale.ROOT, "%-8s %9s %8s %8s%n", "horizon", "forecasts", "80%", "95%");
    for (int k = 0; k < nh; k++) {
      out.printf(Locale.ROOT, "%-8s %9d %8.1f %8.1f%n", CsvSeries.format(horizons.get(k)), forecasts[k], cov80[k],
          cov95[k]);
    }
    long fitMillis = 0;
    long cpuNanos = 0;
    int fits = 0;
    for (SeriesResult r : results) {
      fitMillis += r.fitMillis();
      cpuNanos += r.cpuNanos();
      fits += r.origins();
    }
    double perFit = fits == 0 ? Double.NaN : fitMillis / 1000.0 / fits;
    double cpuPerFit = fits == 0 ? Double.NaN : cpuNanos / 1e9 / fits;
    out.println();
    out.printf(Locale.ROOT, "Glasshouse fit time per series and origin (all horizons at once, %d forecasts):"
        + " %.4f s wall, %.4f s CPU%n", fits, perFit, cpuPerFit);
    JsonArray series = new JsonArray();
    List<String> skips = new ArrayList<>();
    for (SeriesResult r : results) {
      JsonObject per = new JsonObject();
      for (int k = 0; k < nh; k++) {
        String h = CsvSeries.format(horizons.get(k));
        if (r.skipped()[k] != null) {
          skips.add(r.name() + ": " + r.skipped()[k]);
          per.put(h, new JsonObject().put("skipped", r.skipped()[k]));
          continue;
        }
        JsonObject m = new JsonObject();
        JsonObject sm = new JsonObject();
        for (int j = 0; j < METHODS.length; j++) {
          m.put(METHODS[j], num(r.acc()[k][j].mase()));
          sm.put(METHODS[j], num(r.acc()[k][j].smapeMean()));
        }
        int c = r.count()[k];
        per.put(h, new JsonObject().put("forecasts", c).put("mase", m).put("smape", sm)
            .put("coverage80", num(c == 0 ? Double.NaN : 100.0 * r.inside80()[k] / c))
            .put("coverage95", num(c == 0 ? Double.NaN : 100.0 * r.inside95()[k] / c)));
      }
      series.add(new JsonObject().put("file", r.name()).put("points", r.points()).put("stepMs", r.stepMs())
          .put("origins", r.origins()).put("fitSeconds", r.fitMillis() / 1000.0).put("horizons", per));
    }
    if (!skips.isEmpty() || !problems.isEmpty()) {
      out.println();
      skips.forEach(s -> out.println("skipped " + s));
      problems.forEach(p -> out.println("not evaluated " + p));
    }
    return new JsonObject().put("data", data.toString()).put("evalFraction", EVAL_FRACTION)
        .put("fitSecondsPerOrigin", num(perFit)).put("fitCpuSecondsPerOrigin", num(cpuPerFit))
        .put("methods", new JsonArray(Arrays.asList((Object[]) METHODS))).put("perHorizon", perHorizon)
        .put("series", series).put("skipped", new JsonArray(new ArrayList<>(skips)))
        .put("notEvaluated", new JsonArray(new ArrayList<>(problems)));
  }

  private static void table(PrintStream out, String title, List<Duration> horizons, int[] seriesN, double[][] v) {
    out.println();
    out.println(title);
    out.printf(Locale.ROOT, "%-8s %6s", "horizon", "series");
    for (String m : METHODS) {
      out.printf(Locale.ROOT, " %12s", m);
    }
    out.println();
    for (int k = 0; k < horizons.size(); k++) {
      out.printf(Locale.ROOT, "%-8s %6d", CsvSeries.format(horizons.get(k)), seriesN[k]);
      for (int j = 0; j < METHODS.length; j++) {
        out.printf(Locale.ROOT, " %12.3f", v[k][j]);
      }
      out.println();
    }
  }

  /** JSON has no NaN: absent figures are null. */
  private static Double num(double x) {
    return Double.isFinite(x) ? Math.round(x * 10000) / 10000.0 : null;
  }
}
