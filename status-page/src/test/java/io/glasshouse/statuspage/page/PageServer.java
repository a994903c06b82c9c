package io.glasshouse.statuspage.page;

import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.web.Branding;
import io.glasshouse.statuspage.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The public page served over HTTP on a free loopback port, from a snapshot and incidents the test sets. */
final class PageServer implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final ManualClock clock = new ManualClock(PageStates.NOW);
  final AtomicReference<StatusSnapshot> snapshot = new AtomicReference<>();
  final InMemoryIncidentLog incidents = new InMemoryIncidentLog();
  final LiveUpdates live;
  final String base;

  PageServer(PageStates.State state, Branding branding, Duration heartbeat) {
    this(state, branding, heartbeat, LiveUpdates.DEFAULT_MAX_STREAMS);
  }

  PageServer(PageStates.State state, Branding branding, Duration heartbeat, int maxStreams) {
    show(state);
    live = LiveUpdates.start(vertx, snapshot::get, incidents, heartbeat, maxStreams);
    Router router = Router.router(vertx);
    Pages.mountAssets(router);
    PublicPage.mount(router, snapshot::get, incidents, branding, clock, live);
    int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    base = "http://127.0.0.1:" + port;
  }

  PageServer(PageStates.State state) {
    this(state, Branding.defaults(), Duration.ofSeconds(15));
  }

  /**
   * Switches to {@code state}: its snapshot and incidents (the listeners hear about each incident, and the live
   * updates about the new snapshot, as the evaluator's listener would tell them).
   */
  void show(PageStates.State state) {
    snapshot.set(PageStates.snapshot(state));
    incidents.clear();
    PageStates.incidents(state).forEach(incidents::put);
    if (live != null) {
      live.check();
    }
  }

  @Override
  public void close() {
    live.close();
    await(vertx.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
