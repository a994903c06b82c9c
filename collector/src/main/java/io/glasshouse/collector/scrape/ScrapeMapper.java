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
import java.util.List;

/**
 * Turns one scrape into samples the way remote write maps Prometheus series (same {@link SeriesClassifier}, the
 * body's {@code # TYPE} lines as metadata), labelled with the target's {@code service} and {@code instance}
 * (the target's win over the body's, like Prometheus without {@code honor_labels}), plus the per-target series
 * {@code up}, {@code scrape_duration_seconds} and {@code scrape_samples_scraped}. Samples without a timestamp get
 * the scrape's. NaNs are dropped and counted as in remote write.
 */
public final class ScrapeMapper {
  private ScrapeMapper() {
  }

  /** Samples of a successful scrape. */
  public static DecodedBatch map(ScrapeTarget target, TextFormatParser.Result parsed, long scrapeMs,
      double durationSeconds) {
    MetricFamilies families = new MetricFamilies();
    parsed.types().forEach(families::metadata);
    RejectionTally tally = new RejectionTally();
    if (parsed.malformed() > 0) {
      tally.reject(Reasons.UNSUPPORTED_POINT, parsed.malformed(), "target " + target.url() + ": "
          + parsed.firstError());
    }
    for (TextFormatParser.Line l : parsed.lines()) {
      SeriesClassifier.learn(l.name(), hasLe(l), l.labels().contains("quantile"), families);
    }
    List<Sample> out = new ArrayList<>(parsed.lines().size() + 3);
    for (TextFormatParser.Line l : parsed.lines()) {
      if (Double.isNaN(l.value())) {
        tally.drop(Reasons.NAN_VALUE, 1);
        continue;
      }
      Labels.Builder b = Labels.builder();
      for (int i = 0; i + 1 < l.labels().size(); i += 2) {
        String n = l.labels().get(i);
        if (!n.equals(WellKnownLabels.SERVICE) && !n.equals(WellKnownLabels.INSTANCE)) {
          b.put(n, l.labels().get(i + 1));
        }
      }
      b.put(WellKnownLabels.SERVICE, target.service());
      b.put(WellKnownLabels.INSTANCE, target.instance());
      String duplicate = b.duplicate();
      if (duplicate != null) {
        tally.reject(Reasons.DUPLICATE_LABEL, 1, "series " + l.name() + " names label '" + duplicate + "' twice");
        continue;
      }
      Labels labels = b.build();
      long ts = l.timestampMs() == null ? scrapeMs : l.timestampMs();
      out.add(switch (SeriesClassifier.classify(l.name(), hasLe(l), families)) {
        case COUNTER -> Sample.counter(l.name(), labels, ts, l.value());
        case GAUGE -> Sample.gauge(l.name(), labels, ts, l.value());
        case HISTOGRAM_PART -> Sample.histogramPart(l.name(), labels, ts, l.value());
      });
    }
    Labels own = Labels.of(WellKnownLabels.SERVICE, target.service(), WellKnownLabels.INSTANCE, target.instance());
    out.add(Sample.gauge("up", own, scrapeMs, 1));
    out.add(Sample.gauge("scrape_duration_seconds", own, scrapeMs, durationSeconds));
    out.add(Sample.gauge("scrape_samples_scraped", own, scrapeMs, parsed.lines().size()));
    return new DecodedBatch(out, tally);
  }

  /** Samples of a failed scrape: {@code up 0} and the time it took. */
  public static DecodedBatch failed(ScrapeTarget target, long scrapeMs, double durationSeconds) {
    Labels own = Labels.of(WellKnownLabels.SERVICE, target.service(), WellKnownLabels.INSTANCE, target.instance());
    return new DecodedBatch(List.of(Sample.gauge("up", own, scrapeMs, 0),
        Sample.gauge("scrape_duration_seconds", own, scrapeMs, durationSeconds)), new RejectionTally());
  }

  private static boolean hasLe(TextFormatParser.Line l) {
    for (int i = 0; i + 1 < l.labels().size(); i += 2) {
      if (l.labels().get(i).equals("le")) {
        return l.name().endsWith("_bucket");
      }
    }
    return false;
  }
}
