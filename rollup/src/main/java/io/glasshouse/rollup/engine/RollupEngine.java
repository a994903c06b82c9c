package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.ingest.BatchRefusedException;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.instances.InstanceEvaluation;
import io.glasshouse.rollup.instances.InstanceHealthConfig;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.rollup.journal.JournalOptions;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.ReadWork;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.StoredCells;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollup engine: turns validated samples from every instance into per-service minute rollups, durably.
 *
 * <p>Design (see the module README): one writer thread owns all state, so event loops share no locks with it;
 * they enqueue batches on a lock-free queue bounded by {@link RollupConfig#queueCapacity()} samples. The writer
 * drains the queue, and for each batch decides what to admit and appends it to the {@link Journal}; the
 * journal's sync thread ({@link GroupCommit}) writes and forces everything appended in one {@code fsync}, while
 * the writer goes on admitting the next batches, and everything appended meanwhile shares the next
 * {@code fsync}. Once a flush is durable the writer applies its batches in memory, publishes them to readers and
 * only then completes their futures, so a 2xx means the data is on disk, and readers never see data that is not.
 * Every
 * {@link RollupConfig#checkpointInterval()} it detaches what changed into a {@link Checkpoint} that the
 * {@link RollupStore} writes in one transaction; once committed, journal segments it covers are deleted. On
 * start the engine loads the store and replays the journal after the last checkpoint, so restarts after
 * {@code kill -9} recover by themselves and count every acknowledged sample exactly once.
 *
 * <p>Reads never run on the writer thread and never wait for it: they answer from the {@link ReadSnapshot} the
 * writer last published (after every drain, before acknowledging it, so a read issued after a sample's 2xx sees
 * the sample) merged with the store, using checkpoint generations so that no minute is counted twice or missed
 * while checkpoints land or fail (see {@link ReadSnapshot}).
 *
 * <p>Stopping ({@link #close}, {@link #halt}, or a fatal journal error) completes everything still queued with an
 * error: ingest batches and checkpoint waiters never hang.
 */
public final class RollupEngine implements SampleSink, RollupReader {
  private static final Logger LOG = LoggerFactory.getLogger(RollupEngine.class);
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Vertx vertx;
  private final RollupStore store;
  private final Journal journal;
  private final RollupConfig config;
  private final Clock clock;
  private final RollupState state;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedSamples = new AtomicLong();
  private final MeterRegistry registry;
  private final Timer journalForce;
  private final Timer checkpointTimer;
  private final Counter checkpointFailures;
  private volatile boolean accepting = true;
  private volatile boolean stopped;
  private volatile String failure;
  private volatile boolean checkpointFailing;
  private volatile ReadSnapshot published = ReadSnapshot.EMPTY;
  private volatile int seriesCount;
  private volatile int instanceSeriesCount;
  private volatile int instanceCount;
  private volatile int serviceCount;
  private Thread writer;
  private GroupCommit groupCommit;
  /**
   * Runs on the journal's sync thread before every journal force. A seam for fault injection in tests (a failing
   * {@code fsync} throws, a slow disk blocks); does nothing otherwise.
   */
  volatile Runnable beforeJournalForce = () -> { };

  // writer-thread state
  /** Admitted and journaled since the last hand-off to the sync thread; applied once durable. */
  private List<Staged> staged = new ArrayList<>();
  /** Batches whose flush the sync thread is forcing; null when none. */
  private List<Staged> syncing;
  private Timer.Sample syncStarted;
  /** Set by the sync thread when the flush of {@link #syncing} is durable (error null) or failed. */
  private volatile SyncResult syncResult;
  private final SnapshotPublisher snapshots = new SnapshotPublisher();
  /** Detached but not yet committed (being written, or waiting for a retry after a failure); null if none. */
  private Checkpoint pendingCheckpoint;
  private ReadSnapshot.Pending pendingCells;
  private boolean writing;
  private long committedGeneration;
  private long lastCheckpointMs;
  private long lastPurgeMs;
  private long lastHealthMs = Long.MIN_VALUE;
  private final List<Promise<Void>> checkpointWaiters = new ArrayList<>();
  private final RetentionPurge retention;
  private boolean stopRequested;

  private RollupEngine(Vertx vertx, RollupStore store, Journal journal, RollupConfig config, Clock clock,
      MeterRegistry registry) {
    this.vertx = vertx;
    this.store = store;
    this.journal = journal;
    this.config = config;
    this.clock = clock;
    this.state = new RollupState(config);
    this.retention = new RetentionPurge(store, config);
    this.registry = registry;
    this.journalForce = Timer.builder("glasshouse.journal.commit").description("Group commit: journal write and fsync")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.checkpointTimer = Timer.builder("glasshouse.store.checkpoint")
        .description("Writing a checkpoint to the store").register(registry);
    this.checkpointFailures = Counter.builder("glasshouse.store.checkpoint.failures").register(registry);
    FunctionCounter.builder("glasshouse.store.quarantined", store, RollupStore::quarantinedCells)
        .description("Minute cells dropped because the store could not encode or merge them (see the log)")
        .register(registry);
    Gauge.builder("glasshouse.ingest.queue.samples", queuedSamples, AtomicLong::get)
        .description("Samples waiting for the rollup writer").register(registry);
    Gauge.builder("glasshouse.rollup.series", this, e -> e.seriesCount).description("Rollup series").register(registry);
    Gauge.builder("glasshouse.rollup.instance.series", this, e -> e.instanceSeriesCount)
        .description("Per-instance input series tracked").register(registry);
    Gauge.builder("glasshouse.rollup.instances", this, e -> e.instanceCount)
        .description("Instances in the registry, live or gone within rollup.instance-retention").register(registry);
    Gauge.builder("glasshouse.rollup.services", this, e -> e.serviceCount).description("Services tracked")
        .register(registry);
    FunctionCounter.builder("glasshouse.rollup.histogram.saturated", state, s -> s.saturatedSamples)
        .description("Histogram samples scaled down to keep a minute within 2^53 observations").register(registry);
  }

  /**
   * Opens the store, loads it, replays the journal in {@code journalDir} and starts the writer. The future
   * completes when the engine is ready to accept samples.
   */
  public static Future<RollupEngine> start(Vertx vertx, RollupStore store, Path journalDir, RollupConfig config,
      Clock clock, MeterRegistry registry) {
    return start(vertx, store, journalDir, config, clock, registry, JournalOptions.defaults());
  }

  /**
   * As {@link #start(Vertx, RollupStore, Path, RollupConfig, Clock, MeterRegistry)}, with journal options (segment
   * size; whether replay may cut a segment at a corrupt record). Fails with a
   * {@link io.glasshouse.rollup.journal.CorruptJournalException} or a
   * {@link io.glasshouse.rollup.store.CorruptStoreException} whose message says what to do.
   */
  public static Future<RollupEngine> start(Vertx vertx, RollupStore store, Path journalDir, RollupConfig config,
      Clock clock, MeterRegistry registry, JournalOptions journalOptions) {
    config.validate();
    return store.open().compose(v -> store.load()).compose(stored -> vertx.executeBlocking(() -> {
      Journal journal = Journal.open(journalDir, journalOptions);
      RollupEngine engine = new RollupEngine(vertx, store, journal, config, clock, registry);
      engine.state.restore(stored, clock.millis());
      engine.committedGeneration = stored.generation();
      if (engine.state.historyStartMs == 0) {
        engine.state.historyStartMs = clock.millis();
      }
      long[] replayed = new long[2];
      journal.replay(stored.journalSeq(), (seq, samples) -> {
        engine.state.apply(samples, null, clock.millis(), null); // versions: the instance rows keep them
        replayed[0]++;
        replayed[1] += samples.size();
      });
      if (replayed[0] > 0) {
        LOG.info("recovered {} journal records ({} samples) written after the last checkpoint", replayed[0], replayed[1]);
      }
      engine.lastCheckpointMs = clock.millis();
      engine.publish();
      engine.startWriter();
      return engine;
    }, false)).compose(engine -> engine.checkpointNow().map(engine));
  }

  /** The retention purge running or last run (for tests): cells deleted per resolution. */
  Future<Map<io.glasshouse.rollup.series.Resolution, Long>> lastRetentionPurge() {
    return retention.last();
  }

    private void startWriter() {
    groupCommit = new GroupCommit(journal);
    writer = new Thread(this::runWriter, "glasshouse-rollup-writer");
    writer.setDaemon(true);
    writer.start();
  }

  // ---- SampleSink ----

  @Override
  public Future<IngestResult> accept(Protocol protocol, List<Sample> samples, boolean atomic) {
    if (failure != null) {
      return Future.failedFuture(new OverloadedException("storage failed (" + failure
          + "); Glasshouse must be restarted", Duration.ofSeconds(30)));
    }
    if (!accepting) {
      return Future.failedFuture(new OverloadedException("Glasshouse is shutting down; retry against another node "
          + "or after restart", Duration.ofSeconds(5)));
    }
    if (samples.isEmpty()) {
      return Future.succeededFuture(IngestResult.all(0));
    }
    long after = queuedSamples.addAndGet(samples.size());
    if (after > config.queueCapacity()) {
      queuedSamples.addAndGet(-samples.size());
      return Future.failedFuture(new OverloadedException("ingest queue is full (" + config.queueCapacity()
          + " samples waiting); slow down, or spread load over more Glasshouse nodes", Duration.ofSeconds(1)));
    }
    Promise<IngestResult> p = Promise.promise();
    enqueue(new Ingest(protocol, samples, atomic, new Ack(p, Vertx.currentContext(), null)));
    return p.future();
  }

  // ---- RollupReader ----

  @Override
  public Future<List<ServiceSummary>> services() {
    return Future.succeededFuture(EngineViews.services(published, clock.millis(), config.staleAfter().toMillis()));
  }

  @Override
  public Future<List<InstanceInfo>> instances(String service) {
    return Future.succeededFuture(EngineViews.instances(published, service, clock.millis(),
        config.staleAfter().toMillis()));
  }

  @Override
  public Future<List<MetricInfo>> metrics(String service) {
    return Future.succeededFuture(EngineViews.metrics(published, service));
  }

  @Override
  public Future<List<SeriesKey>> series(String service, String metric, List<LabelMatcher> matchers) {
    try {
      return Future.succeededFuture(EngineViews.keys(EngineViews.select(published, service, metric, matchers)));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
      long toMs) {
    return read(service, metric, matchers, fromMs, toMs, Resolution.MINUTE, 3);
  }

  /**
   * Hour and day cells come from the store's hour and day cells plus the in-memory minutes the store does not
   * have yet, rolled up: the same generation rule as for minutes, since a checkpoint writes a minute, its hour and
   * its day together. [from, to) is widened to whole cells of {@code resolution}.
   */
  @Override
  public Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
      long toMs, Resolution resolution) {
    return read(service, metric, matchers, resolution.floor(fromMs),
        toMs == Long.MAX_VALUE ? toMs : resolution.ceil(toMs), resolution, 3);
  }

  private Future<List<SeriesCells>> read(String service, String metric, List<LabelMatcher> matchers, long fromMs,
      long toMs, Resolution resolution, int attempts) {
    EngineViews.Capture capture;
    try {
      ReadSnapshot snap = published;
      List<ServiceView.SeriesRef> refs = EngineViews.select(snap, service, metric, matchers);
      if (refs.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      capture = EngineViews.Capture.of(snap, refs, fromMs, toMs, resolution);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return store.read(capture.seriesIds(), fromMs, toMs, resolution).compose(stored -> {
      if (capture.consistentWith(stored)) {
        return ReadWork.run(vertx, stored.rows().size() + (long) capture.inMemoryCells(),
            histogramCells(stored) + capture.inMemoryHistograms(), () -> capture.merge(stored));
      }
      if (attempts <= 1) {
        return Future.failedFuture(new IllegalStateException("checkpoints landed faster than the store could be "
            + "read; try again"));
      }
      return read(service, metric, matchers, fromMs, toMs, resolution, attempts - 1);
    });
  }

  private static long histogramCells(StoredCells stored) {
    long n = 0;
    for (CellRow r : stored.rows()) {
      if (r.cell().histogram() != null) {
        n++;
      }
    }
    return n;
  }

  // ---- instances (rollup.instances) ----

  /**
   * Per-instance figures and outlier flags of {@code service} as of the last refresh (every
   * {@code rollup.instances.refresh}), from the published snapshot; null when the service is unknown or was not
   * refreshed yet.
   */
  @Override
  public Future<ServiceHealth> instanceHealth(String service) {
    return Future.succeededFuture(published.health().get(service));
  }

  /**
   * Uses {@code config} for per-instance figures and outlier flags from now on (the request, error and latency
   * signals apply to samples applied after it), then refreshes. Fails with {@link IllegalArgumentException}
   * naming the bad key.
   */
  public Future<Void> configureInstances(InstanceHealthConfig instances) {
    try {
      instances.validate();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Promise<Void> p = Promise.promise();
    enqueue(new Call(() -> {
      state.configureInstances(instances);
      refreshHealth();
      p.complete();
    }, p));
    return p.future();
  }

  /** Recomputes per-instance figures and outlier flags now (they also refresh on their own); for tests and tools. */
  public Future<Void> refreshInstanceHealth() {
    Promise<Void> p = Promise.promise();
    enqueue(new Call(() -> {
      refreshHealth();
      p.complete();
    }, p));
    return p.future();
  }

  private void maybeRefreshHealth() {
    long now = clock.millis();
    if (lastHealthMs == Long.MIN_VALUE || now - lastHealthMs >= state.instanceHealth().refresh().toMillis()
        || now < lastHealthMs) {
      refreshHealth();
    }
  }

  /** Writer thread: evaluates every service's instances and publishes the result. */
  private void refreshHealth() {
    long now = clock.millis();
    lastHealthMs = now;
    InstanceHealthConfig c = state.instanceHealth();
    long staleMs = config.staleAfter().toMillis();
    Map<String, ServiceHealth> health = new HashMap<>();
    for (ServiceState svc : state.services().values()) {
      if (svc.instances.isEmpty()) {
        continue;
      }
      List<InstanceEvaluation.Member> members = new ArrayList<>(svc.instances.size());
      for (InstanceRecord r : svc.instances.values()) {
        members.add(new InstanceEvaluation.Member(r.instance, r.version, r.live(now, staleMs), r.firstSeenMs,
            r.lastSeenMs, r.ring));
      }
      health.put(svc.name, InstanceEvaluation.evaluate(c, svc.name, members, now));
    }
    snapshots.health(health);
    publish();
  }

  // ---- lifecycle ----

  /**
   * Writes a checkpoint of everything applied so far; completes when the store committed it, and fails when
   * that write fails (the engine retries every checkpoint interval) or the engine stops first.
   */
  public Future<Void> checkpointNow() {
    Promise<Void> p = Promise.promise();
    enqueue(new Call(() -> {
      checkpointWaiters.add(p);
      checkpoint(true);
    }, p));
    return p.future();
  }

  /**
   * Stops accepting, applies and commits everything queued, tries a final checkpoint and stops the writer. When
   * that checkpoint fails the engine stops all the same: the journal keeps every acknowledged sample since the
   * last committed checkpoint and the next start replays it. A retention purge under way stops after its current
   * batch. The store stays open (its owner closes it).
   */
  public Future<Void> close() {
    accepting = false;
    return checkpointNow().recover(e -> {
      LOG.warn("final checkpoint failed ({}); the journal keeps what it had not written, the next start replays it",
          e.getMessage());
      return Future.succeededFuture();
    }).compose(v -> stopWriter()).compose(v -> retention.stop());
  }

  /**
   * Stops the writer at once without a checkpoint, as a crash would, leaving recovery to the journal. For
   * recovery tests only.
   */
  Future<Void> halt() {
    accepting = false;
    return stopWriter().compose(v -> retention.stop());
  }

  private Future<Void> stopWriter() {
    Promise<Void> done = Promise.promise();
    enqueue(new Call(() -> {
      stopRequested = true;
      done.complete();
    }, done));
    return done.future().recover(e -> Future.succeededFuture()) // already stopped
        .compose(v -> vertx.executeBlocking(() -> {
          writer.join(10_000);
          groupCommit.stop();
          journal.close();
          return null;
        }, false));
  }

  /**
   * True once started while storage works: false while checkpoints fail (until a retry commits), after a
   * journal write or {@code fsync} failed (until restart), and once shutdown has begun.
   */
  public boolean ready() {
    return failure == null && accepting && !stopped && !checkpointFailing;
  }

  private void enqueue(Object task) {
    queue.add(task);
    LockSupport.unpark(writer);
    if (stopped) {
      failQueued(); // the writer is gone: nothing queued will run
    }
  }

  /** Publishes what readers see now. Writer thread (or the starting thread before the writer runs). */
  private void publish() {
    published = snapshots.publish(state, committedGeneration, pendingCells);
  }

  // ---- writer thread ----

  private void runWriter() {
    try {
      while (true) {
        Object t;
        int drained = 0;
        while (drained < 10_000 && (t = queue.poll()) != null) {
          drained++;
          if (t instanceof Ingest in) {
            ingest(in);
          } else {
            ((Call) t).body.run();
          }
          if (syncResult != null) {
            collectSync();
            handOff();
          }
        }
        collectSync();
        handOff();
        maybeCheckpoint();
        maybeRefreshHealth();
        if (stopRequested && queue.isEmpty()) {
          settle();
          break;
        }
        if (queue.isEmpty() && syncResult == null) {
          LockSupport.parkNanos(this, PARK_NANOS);
        }
      }
    } catch (Throwable e) {
      LOG.error("rollup writer stopped by an unexpected error", e);
      failure = e.toString();
    } finally {
      stopped = true;
      failPending();
    }
  }

  private void ingest(Ingest in) {
    queuedSamples.addAndGet(-in.samples.size());
    RollupState.Admission adm;
    long now = clock.millis();
    try {
      adm = state.admit(in.samples, in.atomic, now);
    } catch (BatchRefusedException e) {
      complete(in.ack.ctx, () -> in.ack.promise.fail(e));
      return;
    }
    if (!adm.admitted().isEmpty()) {
      journal.append(adm.admitted());
    }
    staged.add(new Staged(in, adm, now));
  }

  /** Hands what was journaled since the last hand-off to the sync thread, unless a flush is under way. */
  private void handOff() {
    if (syncing != null || staged.isEmpty()) {
      return;
    }
    Journal.Flush flush = journal.seal();
    List<Staged> batches = staged;
    staged = new ArrayList<>();
    if (flush == null) { // every batch was refused whole or in part with nothing admitted: nothing to make durable
      applyAndAck(batches);
      return;
    }
    syncing = batches;
    syncStarted = Timer.start(registry);
    Thread w = writer;
    groupCommit.submit(flush, () -> beforeJournalForce.run(), error -> {
      syncResult = new SyncResult(error);
      LockSupport.unpark(w);
    });
  }

  /** Takes the sync thread's answer, if there is one: applies and acknowledges a durable flush's batches. */
  private void collectSync() {
    SyncResult r = syncResult;
    if (r == null) {
      return;
    }
    syncResult = null;
    List<Staged> done = syncing;
    syncing = null;
    if (r.error != null) {
      Throwable e = r.error;
      failure = "journal: " + e.getMessage();
      LOG.error("journal write failed; refusing further ingest until restart", e);
      List<Staged> all = new ArrayList<>(done);
      all.addAll(staged);
      staged.clear();
      for (Staged st : all) {
        complete(st.in.ack.ctx, () -> st.in.ack.promise.fail(new OverloadedException("storage failed: "
            + e.getMessage(), Duration.ofSeconds(30))));
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
    syncStarted.stop(journalForce);
    applyAndAck(done);
  }

  /** Applies durable batches in journal order, publishes them to readers, then completes their futures. */
  private void applyAndAck(List<Staged> batches) {
    for (Staged st : batches) {
      if (!st.adm.admitted().isEmpty()) {
        state.apply(st.adm.admitted(), st.adm.known(), st.nowMs, st.in.protocol);
      }
    }
    publish(); // before the acks: a read issued after a 2xx must see its samples
    for (Staged st : batches) {
      IngestResult r = new IngestResult(st.adm.admitted().size(), st.adm.rejected());
      complete(st.in.ack.ctx, () -> st.in.ack.promise.complete(r));
    }
    updateCounts();
  }

  /**
   * Writer thread: waits until everything journaled is durable, applied and acknowledged (before a checkpoint
   * captures the state, and at stop).
   */
  private void settle() {
    while (syncing != null || !staged.isEmpty()) {
      handOff();
      while (syncing != null && syncResult == null) {
        LockSupport.parkNanos(this, PARK_NANOS);
      }
      collectSync();
    }
  }

  private void updateCounts() {
    seriesCount = state.seriesCount();
    instanceSeriesCount = state.instanceSeriesCount();
    instanceCount = state.instanceCount();
    serviceCount = state.services().size();
  }

  private void maybeCheckpoint() {
    long now = clock.millis();
    if (now - lastCheckpointMs >= config.checkpointInterval().toMillis()) {
      checkpoint(false);
    }
  }

  private void checkpoint(boolean requested) {
    lastCheckpointMs = clock.millis();
    if (writing) {
      return; // the running checkpoint's completion serves waiters and the next one follows
    }
    if (pendingCheckpoint == null) {
      if (!state.hasChanges() && !requested) {
        return;
      }
      settle();
      journal.roll();
      Map.Entry<Checkpoint, RollupState.Detached> e = state.capture(journal.lastSeq());
      pendingCheckpoint = e.getKey();
      pendingCells = new ReadSnapshot.Pending(pendingCheckpoint.generation(), e.getValue().cellsBySeries());
      snapshots.detached();
      publish();
    } // else: retry the failed write; its cells stay readable from pendingCells until it commits
    writing = true;
    updateCounts();
    Timer.Sample t0 = Timer.start(registry);
    Checkpoint written = pendingCheckpoint;
    // periodic checkpoints are paced so that they never starve ingest; one somebody waits for goes flat out
    Future<Void> w = requested || !checkpointWaiters.isEmpty() ? store.write(written) : store.writePaced(written);
    w.onComplete(ar -> enqueue(new Call(() -> checkpointDone(written, ar.cause(), t0), null)));
  }

  private void checkpointDone(Checkpoint cp, Throwable error, Timer.Sample t0) {
    writing = false;
    if (error != null) {
      checkpointFailures.increment();
      checkpointFailing = true;
      LOG.warn("checkpoint {} failed, will retry: {}", cp.generation(), error.toString());
      lastCheckpointMs = clock.millis();
      List<Promise<Void>> waiters = new ArrayList<>(checkpointWaiters);
      checkpointWaiters.clear();
      for (Promise<Void> w : waiters) {
        w.tryFail(new IllegalStateException("checkpoint " + cp.generation() + " failed (" + error.getMessage()
            + "); it is retried every " + config.checkpointInterval() + " and nothing acknowledged is lost"));
      }
      return;
    }
    t0.stop(checkpointTimer);
    checkpointFailing = false;
    committedGeneration = cp.generation();
    pendingCheckpoint = null;
    pendingCells = null;
    journal.deleteSegmentsBefore(cp.journalSeq());
    // the hourly sweep runs before waiters hear of this checkpoint, so its evictions are part of what they wait for
    long now = clock.millis();
    if (now - lastPurgeMs > Duration.ofHours(1).toMillis()) {
      lastPurgeMs = now;
      settle(); // no batch admitted before the sweep is applied after it
      FleetSweep.Result swept = FleetSweep.run(state, config, now);
      if (swept.any()) {
        LOG.info("forgot {} instances (unseen for rollup.instance-retention {}), {} instance series, {} rollup series "
            + "(no data within rollup.retention.days {}) and {} services", swept.instances(), config.instanceRetention(),
            swept.instanceSeries(), swept.rollupSeries(), RollupConfig.human(config.longestRetention()),
            swept.services());
      }
      updateCounts();
      retention.purge(now);
    }
    List<Promise<Void>> waiters = new ArrayList<>(checkpointWaiters);
    checkpointWaiters.clear();
    boolean more = state.hasChanges();
    for (Promise<Void> w : waiters) {
      if (more) {
        checkpointWaiters.add(w); // changes arrived while writing: the caller wants those too
      } else {
        w.complete();
      }
    }
    publish();
    if (more && !checkpointWaiters.isEmpty()) {
      checkpoint(true);
    }
  }

  /** Writer thread, once it stopped: fails what is queued and every checkpoint waiter. */
  private void failPending() {
    failQueued();
    List<Staged> unacked = new ArrayList<>(staged);
    if (syncing != null) {
      unacked.addAll(syncing);
    }
    staged.clear();
    syncing = null;
    for (Staged st : unacked) {
      complete(st.in.ack.ctx, () -> st.in.ack.promise.tryFail(new OverloadedException("Glasshouse stopped before "
          + "this batch was durable; send it again", Duration.ofSeconds(5))));
    }
    for (Promise<Void> w : checkpointWaiters) {
      w.tryFail("rollup engine stopped");
    }
    checkpointWaiters.clear();
  }

  /** Fails every queued task; safe from any thread once {@link #stopped} is set. */
  private void failQueued() {
    Object t;
    while ((t = queue.poll()) != null) {
      if (t instanceof Ingest in) {
        queuedSamples.addAndGet(-in.samples.size());
        Promise<IngestResult> p = in.ack.promise;
        complete(in.ack.ctx, () -> p.tryFail(new OverloadedException("Glasshouse is shutting down",
            Duration.ofSeconds(5))));
      } else if (((Call) t).promise != null) {
        ((Call) t).promise.tryFail("rollup engine stopped");
      }
    }
  }

  private static void complete(Context ctx, Runnable r) {
    if (ctx != null) {
      ctx.runOnContext(v -> r.run());
    } else {
      r.run();
    }
  }

  private record Ack(Promise<IngestResult> promise, Context ctx, IngestResult result) {
  }

  /** A batch admitted and journaled, waiting for its {@code fsync}. */
  private record Staged(Ingest in, RollupState.Admission adm, long nowMs) {
  }

  private record SyncResult(Throwable error) {
  }

  private record Ingest(Protocol protocol, List<Sample> samples, boolean atomic, Ack ack) {
  }

  /** A task for the writer thread; {@code promise}, when given, is failed if the engine stops before it runs. */
  private record Call(Runnable body, Promise<?> promise) {
  }
}
