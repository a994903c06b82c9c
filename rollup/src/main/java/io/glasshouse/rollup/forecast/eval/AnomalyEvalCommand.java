package io.glasshouse.rollup.forecast.eval;

import io.glasshouse.rollup.cli.Cli;
import io.glasshouse.rollup.cli.HelpOption;
import io.glasshouse.rollup.forecast.AnomalyDetector;
import io.glasshouse.rollup.forecast.AnomalyPoint;
import io.glasshouse.rollup.forecast.Series;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * NAB-style evaluation of {@link AnomalyDetector} against labelled anomaly windows.
 *
 * <p>Usage: {@code anomaly-eval --data DIR --labels combined_windows.json [--z Z] [--out FILE.json]
 * [--no-progress]}. The labels file maps a CSV path relative to DIR to a list of {@code [start, end]} windows.
 * Flags closer than an hour (or 12 steps) are merged into one detection, timed at its first flag. Precision is the
 * share of detections that start inside a window; recall the share of windows (after the probation period) with a
 * detection; lead time, for each detected window, where the first detection falls: as a fraction of the window
 * from its start (0 = at the start) and in minutes before the window's end. Exit codes: 0 ok, 2 bad arguments,
 * 1 nothing evaluated.
 */
@Command(name = "anomaly-eval", sortOptions = false,
    description = "Judges anomaly detection against labelled windows (NAB format): precision, recall, lead time.")
public final class AnomalyEvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "folder of timestamp,value CSV files, searched recursively")
  Path data;
  @Option(names = "--labels", required = true, paramLabel = "FILE.json",
      description = "JSON object: CSV path relative to DIR -> list of [start, end] windows")
  Path labelFile;
  @Option(names = "--z", paramLabel = "Z", description = "robust z-score that flags a point (default: "
      + AnomalyDetector.DEFAULT_Z + ")")
  Double zFlag;
  @Option(names = "--out", paramLabel = "FILE.json", description = "also write the figures as JSON")
  Path outFile;
  @Option(names = "--no-progress", description = "no progress bar on standard error")
  boolean noProgress;

  private final PrintStream out;

  /** A command printing its figures (and its errors) to {@code out}. */
  public AnomalyEvalCommand(PrintStream out) {
    this.out = out;
  }

  /** Command-line entry for running it directly. */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the evaluation; returns the exit code. */
  public static int run(String[] args, PrintStream out) {
    return Cli.execute(new AnomalyEvalCommand(out), args, out, out);
  }

  @Override
  public Integer call() {
    if (!Files.isDirectory(data)) {
      throw new ParameterException(spec.commandLine(), "--data " + data + " is not a directory");
    }
    JsonObject labels;
    try {
      labels = new JsonObject(Files.readString(labelFile));
    } catch (IOException | DecodeException e) {
      throw new ParameterException(spec.commandLine(),
          "--labels " + labelFile + " is not a readable JSON object: " + e.getMessage());
    }
    double z = zFlag == null ? AnomalyDetector.DEFAULT_Z : zFlag;
    if (!(z > 0)) {
      throw new ParameterException(spec.commandLine(), "--z must be a positive number, was " + zFlag);
    }
    boolean progress = !noProgress;
    AnomalyDetector detector = AnomalyDetector.of(z, 0.5);
    List<Path> files = CsvSeries.find(data);
    Progress bar = new Progress(progress ? System.err : null, files.size());
    List<String> notes = new ArrayList<>();
    JsonArray perFile = new JsonArray();
    int detections = 0;
    int truePositives = 0;
    int windows = 0;
    int detected = 0;
    List<Double> positions = new ArrayList<>();
    List<Double> leadMinutes = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      String key = data.relativize(f).toString().replace('\\', '/');
      bar.update(i, key);
      JsonArray w = labels.getJsonArray(key);
      if (w == null) {
        notes.add(key + ": no entry in the labels file; skipped");
        continue;
      }
      Series s;
      try {
        s = CsvSeries.read(f);
      } catch (IOException | RuntimeException e) {
        notes.add(key + ": " + e.getMessage());
        continue;
      }
      FileResult r = evaluate(detector, s, w);
      detections += r.detections;
      truePositives += r.truePositives;
      windows += r.windows;
      detected += r.detected;
      positions.addAll(r.positions);
      leadMinutes.addAll(r.leadMinutes);
      perFile.add(new JsonObject().put("file", key).put("detections", r.detections)
          .put("truePositives", r.truePositives).put("windows", r.windows).put("windowsDetected", r.detected)
          .put("windowsInProbation", r.inProbation).put("positions", new JsonArray(new ArrayList<>(r.positions)))
          .put("leadMinutes", new JsonArray(new ArrayList<>(r.leadMinutes))));
      if (r.inProbation > 0) {
        notes.add(key + ": " + r.inProbation + " window(s) end inside the probation period; not counted");
      }
    }
    bar.update(files.size(), "done");
    if (perFile.isEmpty()) {
      out.println("error: no labelled CSV file under " + data);
      notes.forEach(n -> out.println("  " + n));
      return 1;
    }
    double precision = detections == 0 ? Double.NaN : 100.0 * truePositives / detections;
    double recall = windows == 0 ? Double.NaN : 100.0 * detected / windows;
    double medPos = ForecastEvalCommand.median(positions);
    double medLead = ForecastEvalCommand.median(leadMinutes);
    out.printf(Locale.ROOT, "Anomaly detection on %s: %d files, z=%.1f%n", data, perFile.size(), z);
    out.printf(Locale.ROOT, "detections %d, inside a window %d: precision %.1f%%%n", detections, truePositives,
        precision);
    out.printf(Locale.ROOT, "windows %d, detected %d: recall %.1f%%%n", windows, detected, recall);
    out.printf(Locale.ROOT, "first detection in window: median position %.2f of the window (0 = start),"
        + " median %.0f minutes before the window end%n", medPos, medLead);
    notes.forEach(n -> out.println("note " + n));
    JsonObject json = new JsonObject().put("data", data.toString()).put("z", z).put("detections", detections)
        .put("truePositives", truePositives).put("precision", num(precision)).put("windows", windows)
        .put("windowsDetected", detected).put("recall", num(recall)).put("medianPosition", num(medPos))
        .put("medianLeadMinutes", num(medLead)).put("files", perFile).put("notes", new JsonArray(notes));
    return EvalOutput.write(outFile, json, out);
  }

  /** Per-file counts. */
  static final class FileResult {
    int detections;
    int truePositives;
    int windows;
    int detected;
    int inProbation;
    final List<Double> positions = new ArrayList<>();
    final List<Double> leadMinutes = new ArrayList<>();
  }

  static FileResult evaluate(AnomalyDetector detector, Series s, JsonArray windowList) {
    List<AnomalyPoint> points = detector.score(s);
    long mergeMs = Math.max(3_600_000L, 12 * s.stepMs());
    List<Long> starts = new ArrayList<>();
    long lastFlag = Long.MIN_VALUE;
    long probationEnd = Long.MIN_VALUE;
    for (AnomalyPoint p : points) {
      long t = p.time().toEpochMilli();
      if (Double.isFinite(p.expected()) && probationEnd == Long.MIN_VALUE) {
        probationEnd = t;
      }
      if (p.flagged()) {
        if (lastFlag == Long.MIN_VALUE || t - lastFlag > mergeMs) {
          starts.add(t);
        }
        lastFlag = t;
      }
    }
    long[][] w = new long[windowList.size()][2];
    for (int i = 0; i < w.length; i++) {
      JsonArray pair = windowList.getJsonArray(i);
      w[i][0] = CsvSeries.parseTime(pair.getString(0));
      w[i][1] = CsvSeries.parseTime(pair.getString(1));
    }
    FileResult r = new FileResult();
    r.detections = starts.size();
    for (long t : starts) {
      for (long[] win : w) {
        if (t >= win[0] && t <= win[1]) {
          r.truePositives++;
          break;
        }
      }
    }
    for (long[] win : w) {
      if (probationEnd == Long.MIN_VALUE || win[1] < probationEnd) {
        r.inProbation++;
        continue;
      }
      r.windows++;
      for (long t : starts) {
        if (t >= win[0] && t <= win[1]) {
          r.detected++;
          double len = Math.max(1, win[1] - win[0]);
          r.positions.add(Math.round(1000 * (t - win[0]) / len) / 1000.0);
          r.leadMinutes.add((double) Math.round((win[1] - t) / 60_000.0));
          break;
        }
      }
    }
    return r;
  }

  private static Double num(double x) {
    return Double.isFinite(x) ? Math.round(x * 10000) / 10000.0 : null;
  }
}
