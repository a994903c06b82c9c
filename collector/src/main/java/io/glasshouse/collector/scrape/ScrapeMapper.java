package io.glasshouse.collector.scrape;

import io.glasshouse.collector.remotewrite.MetricFamilies;
import io.glasshouse.collector.remotewrite.SeriesClassifier;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.WellKnownLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one scrape into samples exactly as remote write maps the series Prometheus would store for it:
 * <ol>
 *   <li>the target's labels are attached to each series; on a clash the target's value wins and the series' own
 *       is kept as {@code exported_<name>}, unless the job has {@code honor_labels: true} (then the series'
 *       wins);</li>
 *   <li>the job's {@code metric_relabel_configs} apply (they may drop the series or rename it via
 *       {@code __name__});</li>
 *   <li>then the remote-write mapping: {@code job} becomes {@code service} unless a {@code service} label is
 *       present (then {@code job} stays a label); kinds come from the body's {@code # TYPE} lines (its metadata)
 *       and name suffixes through the same {@link SeriesClassifier}; NaNs are dropped and counted as in remote
 *       write.</li>
 * </ol>
 * Samples without a timestamp, and all samples when the job has {@code honor_timestamps: false}, get the scrape's.
 * More series than the job's {@code sample_limit} fail the scrape (nothing of the body is kept, {@code up 0}).
 * Every outcome also carries {@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped} and
 * {@code scrape_samples_post_metric_relabeling} with the target's labels, as Prometheus synthesises them.
 */
public final class ScrapeMapper {
  private static final String NAME = "__name__";
  private static final String JOB = "job";

  private ScrapeMapper() {
  }

  /** Samples of a body that arrived. */
  public static ScrapeOutcome map(ScrapeTarget target, TextFormatParser.Result parsed, long scrapeMs,
      double durationSeconds) {
    ScrapeJob job = target.job();
    MetricFamilies families = new MetricFamilies();
    parsed.types().forEach(families::metadata);
    RejectionTally tally = new RejectionTally();
    if (parsed.malformed() > 0) {
      tally.reject(Reasons.UNSUPPORTED_POINT, parsed.malformed(), "target " + target.url() + ": "
          + parsed.firstError());
    }
    List<Map<String, String>> series = new ArrayList<>(parsed.lines().size());
    List<TextFormatParser.Line> kept = new ArrayList<>(parsed.lines().size());
    for (TextFormatParser.Line l : parsed.lines()) {
      Map<String, String> labels = new HashMap<>();
      String duplicate = null;
      for (int i = 0; i + 1 < l.labels().size(); i += 2) {
        if (labels.put(l.labels().get(i), l.labels().get(i + 1)) != null) {
          duplicate = l.labels().get(i);
        }
      }
      if (duplicate != null) {
        tally.reject(Reasons.DUPLICATE_LABEL, 1, "series " + l.name() + " names label '" + duplicate + "' twice");
        continue;
      }
      labels.put(NAME, l.name());
      attachTargetLabels(labels, target.labels(), job.honorLabels());
      labels.values().removeIf(String::isEmpty);
      if (!job.metricRelabelConfigs().isEmpty() && !Relabeling.apply(job.metricRelabelConfigs(), labels)) {
        continue;
      }
      if (labels.get(NAME) == null) {
        continue;
      }
      series.add(labels);
      kept.add(l);
    }
    if (job.sampleLimit() > 0 && series.size() > job.sampleLimit()) {
      return failed(target, scrapeMs, durationSeconds, "sample_limit exceeded: " + series.size() + " series after "
          + "metric relabelling, the job allows " + job.sampleLimit(), parsed.lines().size());
    }
    for (Map<String, String> labels : series) {
      String name = labels.get(NAME);
      SeriesClassifier.learn(name, isBucket(name, labels), labels.containsKey("quantile"), families);
    }
    List<Sample> out = new ArrayList<>(series.size() + 4);
    for (int i = 0; i < series.size(); i++) {
      TextFormatParser.Line l = kept.get(i);
      if (Double.isNaN(l.value())) {
        tally.drop(Reasons.NAN_VALUE, 1);
        continue;
      }
      Map<String, String> m = series.get(i);
      String name = m.get(NAME);
      boolean bucket = isBucket(name, m);
      Labels labels = toSampleLabels(m);
      long ts = l.timestampMs() == null || !job.honorTimestamps() ? scrapeMs : l.timestampMs();
      out.add(switch (SeriesClassifier.classify(name, bucket, families)) {
        case COUNTER -> Sample.counter(name, labels, ts, l.value());
        case GAUGE -> Sample.gauge(name, labels, ts, l.value());
        case HISTOGRAM_PART -> Sample.histogramPart(name, labels, ts, l.value());
      });
    }
    Labels own = toSampleLabels(new HashMap<>(target.labels()));
    out.add(Sample.gauge("up", own, scrapeMs, 1));
    out.add(Sample.gauge("scrape_duration_seconds", own, scrapeMs, durationSeconds));
    out.add(Sample.gauge("scrape_samples_scraped", own, scrapeMs, parsed.lines().size()));
    out.add(Sample.gauge("scrape_samples_post_metric_relabeling", own, scrapeMs, series.size()));
    return new ScrapeOutcome(new DecodedBatch(out, tally), true, null, parsed.lines().size(), durationSeconds,
        scrapeMs);
  }

  /** Samples of a failed scrape: {@code up 0}, the time it took, and no series of the target. */
  public static ScrapeOutcome failed(ScrapeTarget target, long scrapeMs, double durationSeconds, String error) {
    return failed(target, scrapeMs, durationSeconds, error, 0);
  }

  private static ScrapeOutcome failed(ScrapeTarget target, long scrapeMs, double durationSeconds, String error,
      int scraped) {
    Labels own = toSampleLabels(new HashMap<>(target.labels()));
    List<Sample> out = List.of(Sample.gauge("up", own, scrapeMs, 0),
        Sample.gauge("scrape_duration_seconds", own, scrapeMs, durationSeconds),
        Sample.gauge("scrape_samples_scraped", own, scrapeMs, scraped),
        Sample.gauge("scrape_samples_post_metric_relabeling", own, scrapeMs, 0));
    return new ScrapeOutcome(new DecodedBatch(out, new RejectionTally()), false, error, scraped, durationSeconds,
        scrapeMs);
  }

  /**
   * The last word on a target that left discovery: {@code up 0} at {@code nowMs} (Prometheus writes staleness
   * markers instead; Glasshouse has none, and {@code up 0} ends the instance's liveness without touching its series).
   */
  public static DecodedBatch lost(ScrapeTarget target, long nowMs) {
    return new DecodedBatch(List.of(Sample.gauge("up", toSampleLabels(new HashMap<>(target.labels())), nowMs, 0)),
        new RejectionTally());
  }

  /** Prometheus's label merge: target labels win, clashing series labels become {@code exported_<name>}. */
  static void attachTargetLabels(Map<String, String> labels, Map<String, String> target, boolean honorLabels) {
    target.forEach((name, value) -> {
      String own = labels.get(name);
      if (own == null || own.isEmpty()) {
        labels.put(name, value);
      } else if (!honorLabels) {
        String exported = "exported_" + name;
        while (labels.containsKey(exported)) {
          exported = "exported_" + exported;
        }
        labels.put(exported, own);
        labels.put(name, value);
      }
    });
  }

  /** Remote write's mapping: {@code job} names the service unless a {@code service} label does. */
  private static Labels toSampleLabels(Map<String, String> m) {
    Labels.Builder b = Labels.builder();
    String job = null;
    for (Map.Entry<String, String> e : m.entrySet()) {
      String n = e.getKey();
      if (n.equals(NAME)) {
        continue;
      }
      if (n.equals(JOB)) {
        job = e.getValue();
      } else {
        b.put(n, e.getValue());
      }
    }
    if (job != null) {
      b.put(m.containsKey(WellKnownLabels.SERVICE) ? JOB : WellKnownLabels.SERVICE, job);
    }
    return b.build();
  }

  private static boolean isBucket(String name, Map<String, String> labels) {
    return labels.containsKey("le") && name.endsWith("_bucket");
  }
}
