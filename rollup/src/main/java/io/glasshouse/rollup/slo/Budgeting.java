package io.glasshouse.rollup.slo;

import java.time.Duration;
import java.util.Objects;

/** How an SLO counts against its target: events (occurrences) or good time slices (timeslices), as in OpenSLO v1. */
public sealed interface Budgeting permits Budgeting.Occurrences, Budgeting.Timeslices {

  /** The fraction of good events over the window must reach the target. */
  record Occurrences() implements Budgeting {
  }

  /**
   * The window is cut into slices of {@code slice} (a whole number of minutes); a slice is good when its own SLI
   * (good over total events inside it) is at least {@code sliceTarget}, bad when below. A slice without events is
   * neither: it is not counted, so the SLI is the fraction of good slices among slices that had events (OpenSLO
   * leaves this open; counting empty slices as good would make a silent service look perfect). Only complete
   * slices count.
   */
  record Timeslices(Duration slice, double sliceTarget) implements Budgeting {
    public Timeslices {
      Objects.requireNonNull(slice, "slice");
      if (slice.isNegative() || slice.isZero() || slice.toMillis() % 60_000 != 0) {
        throw new IllegalArgumentException("slice must be a whole number of minutes, got " + slice);
      }
      if (!(sliceTarget > 0 && sliceTarget <= 1)) {
        throw new IllegalArgumentException("slice target must be in (0, 1], got " + sliceTarget);
      }
    }

    /** Slice length in minutes. */
    public int minutes() {
      return (int) (slice.toMinutes());
    }
  }
}
