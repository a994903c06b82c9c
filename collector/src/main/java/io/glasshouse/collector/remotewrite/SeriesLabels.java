package io.glasshouse.collector.remotewrite;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.WellKnownLabels;

/**
 * One remote-write 1.0 series' labels after mapping: {@code __name__} becomes the name, {@code job} the
 * {@code service} (unless a {@code service} label is present, then {@code job} stays a label), {@code le} of a
 * {@code _bucket} series is remembered; the first label named twice is the {@link #duplicate}. Both remote-write
 * 1.0 decoders feed it the series' labels in body order, so they map alike. Not thread-safe.
 */
final class SeriesLabels {
  static final String NAME = "__name__";
  static final String JOB = "job";
  static final String LE = "le";

  String name;
  String le;
  String duplicate;
  Labels labels;
  private final Labels.Builder builder;
  private String job;

  /** With a builder of its own. */
  SeriesLabels() {
    this(Labels.builder());
  }

  /** With {@code builder}, emptied first; it is free for the next series once {@link #finish} returned. */
  SeriesLabels(Labels.Builder builder) {
    this.builder = builder.clear();
  }

  /** Adds the next label of the series, in body order. */
  void add(String n, String v) {
    if (NAME.equals(n)) {
      duplicate = name != null ? NAME : duplicate;
      name = v;
    } else if (JOB.equals(n)) {
      duplicate = job != null ? JOB : duplicate;
      job = v;
    } else if (LE.equals(n)) {
      duplicate = le != null ? LE : duplicate;
      le = v;
      builder.put(n, v);
    } else {
      builder.put(n, v);
    }
  }

  /** Ends the series: maps {@code job}, settles {@code le} and the duplicate, builds the labels. */
  SeriesLabels finish() {
    if (job != null) {
      // job names the service unless a service label does; then job is a label like any other
      builder.put(builder.get(WellKnownLabels.SERVICE) == null ? WellKnownLabels.SERVICE : JOB, job);
    }
    if (le != null && (name == null || !name.endsWith("_bucket"))) {
      le = null; // an le label outside a bucket series is an ordinary label
    }
    if (duplicate == null) {
      duplicate = builder.duplicate();
    }
    labels = builder.build();
    return this;
  }
}
