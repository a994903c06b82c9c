package io.glasshouse.rollup.status;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;

/** Where daily status history persists, so that it survives restarts. */
public interface StatusHistoryStore {
  /** Every stored day from {@code from} (inclusive, UTC), of every component. */
  Future<List<DailyStatus>> days(LocalDate from);

  /** Stores each day, replacing what was stored for that component and day. */
  Future<Void> save(List<DailyStatus> days);

  /** Deletes days before {@code day}. */
  Future<Void> purgeBefore(LocalDate day);
}
