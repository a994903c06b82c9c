package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens without a person, every {@code incidents.check-every} on a Vert.x timer: due maintenance starts and
 * completes ({@link IncidentBook#advance()}, by the injected clock), and each new status snapshot is checked for
 * components whose derived status left operational ({@link DraftWriter}). Checks never overlap.
 */
public final class IncidentAutomation {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentAutomation.class);
  private final Vertx vertx;
  private final IncidentBook book;
  private final StatusEvaluator evaluator;
  private final DraftWriter drafts;
  private final long checkEvery;
  private Instant lastSnapshot;
  private boolean running;
  private long timer = -1;

  public IncidentAutomation(Vertx vertx, IncidentBook book, StatusEvaluator evaluator, IncidentsConfig config) {
    this.vertx = vertx;
    this.book = book;
    this.evaluator = evaluator;
    this.drafts = new DraftWriter(book, config.autoPublish());
    this.checkEvery = config.checkEvery().toMillis();
  }

  /** Starts the periodic check. */
  public void start() {
    timer = vertx.setPeriodic(checkEvery, id -> check()
        .onFailure(e -> LOG.warn("incident check failed: {}", e.toString())));
  }

  /** One check now; skipped when the previous one is still running. */
  public synchronized Future<Void> check() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return book.advance() // each change waits for the component holds (IncidentBook#onApply)
        .compose(v -> {
          StatusSnapshot s = evaluator.latest();
          if (s.at().equals(lastSnapshot)) {
            return Future.<Void>succeededFuture();
          }
          lastSnapshot = s.at();
          return drafts.check(s).mapEmpty();
        })
        .eventually(() -> {
          synchronized (this) {
            running = false;
          }
          return Future.succeededFuture();
        });
  }

  /** Stops the periodic check. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
