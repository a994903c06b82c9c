package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.journal.Journal;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Consumer;

/**
 * The journal's sync thread: writes and {@code fsync}s one sealed {@link Journal.Flush} at a time while the
 * writer thread goes on admitting and journaling the next batches. Whatever the writer appends during an
 * {@code fsync} is sealed into the next flush as soon as that {@code fsync} finishes ("fsync when the previous
 * one finished"), so concurrent requests share one {@code fsync} and no thread waits on a disk with work in hand.
 * The writer applies and acknowledges a flush's batches only once it is durable.
 */
final class GroupCommit {
  private static final Object STOP = new Object();

  private final Journal journal;
  private final SynchronousQueue<Object> handOff = new SynchronousQueue<>();
  private final Thread thread;
  private volatile boolean stopping;

  private record Job(Journal.Flush flush, Runnable beforeForce, Consumer<Throwable> done) {
  }

  GroupCommit(Journal journal) {
    this.journal = journal;
    this.thread = new Thread(this::run, "glasshouse-journal-sync");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Writes and forces {@code flush} on the sync thread, running {@code beforeForce} first; then calls
   * {@code done} with null or the error. The caller submits the next flush only after {@code done} ran.
   */
  void submit(Journal.Flush flush, Runnable beforeForce, Consumer<Throwable> done) {
    put(new Job(flush, beforeForce, done));
  }

  /** Stops the sync thread once a flush under way finished; does not wait. */
  void stop() {
    stopping = true;
    handOff.offer(STOP);
  }

  private void put(Object o) {
    try {
      handOff.put(o);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing a flush to the journal's sync thread", e);
    }
  }

  private void run() {
    while (true) {
      Object o;
      try {
        o = handOff.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (o == STOP || (o == null && stopping)) {
        return;
      }
      if (o == null) {
        continue;
      }
      Job job = (Job) o;
      Throwable error = null;
      try {
        job.beforeForce.run();
        journal.write(job.flush);
      } catch (RuntimeException | Error e) {
        error = e;
      }
      job.done.accept(error);
    }
  }
}
