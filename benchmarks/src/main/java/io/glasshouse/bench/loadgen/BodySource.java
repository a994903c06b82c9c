package io.glasshouse.bench.loadgen;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xerial.snappy.Snappy;

/**
 * Request bodies, a round at a time: a round holds one body per chunk of the workload (with the defaults, one
 * per instance), all carrying the same round number and timestamp. An encoder thread keeps a few rounds ready
 * by patching the {@link Template}s in place and compressing them (snappy for remote write; OTLP is sent
 * uncompressed, as Micrometer does by default); the sender takes bodies in order. If the sender runs out of
 * fresh rounds it sends the last round again (same timestamps, same values: valid input, no new increase) and
 * counts it, so a run limited by the generator rather than the server shows up in the report.
 */
final class BodySource implements AutoCloseable {
  /** One request body and how many samples it carries. */
  record Body(Buffer buffer, int samples) {
  }

  private final Template[] templates;
  private final boolean snappy;
  private final BlockingQueue<Body[]> ready;
  private final Thread encoder;
  private volatile boolean stop;
  private final AtomicLong encodeNanos = new AtomicLong();
  private final AtomicLong roundsEncoded = new AtomicLong();
  private long round;
  private Body[] current;
  private int next;
  private long reusedRounds;
  private final int samplesPerRound;
  private final long rawBytesPerRound;

  BodySource(Options o, Workload w) {
    boolean rw = !o.protocol.equals("otlp");
    long now = System.currentTimeMillis();
    templates = (rw ? Payloads.remoteWrite(w, o.samplesPerRequest, now, o.seed)
        : Payloads.otlp(w, o.samplesPerRequest, now - 3_600_000L, o.seed)).toArray(new Template[0]);
    int samples = 0;
    long raw = 0;
    for (int i = 0; i < templates.length; i++) {
      samples += templates[i].samples();
      raw += templates[i].raw().length;
    }
    samplesPerRound = samples;
    rawBytesPerRound = raw;
    snappy = rw;
    ready = new ArrayBlockingQueue<>(o.roundsAhead);
    current = encodeRound();
    encoder = new Thread(this::encodeLoop, "loadgen-encoder");
    encoder.setDaemon(true);
    encoder.start();
  }

  int bodiesPerRound() {
    return templates.length;
  }

  int samplesPerRound() {
    return samplesPerRound;
  }

  long rawBytesPerRound() {
    return rawBytesPerRound;
  }

  long compressedBytesPerRound() {
    long n = 0;
    for (Body b : current) {
      n += b.buffer().length();
    }
    return n;
  }

  /** The next body to send; called from the sender's thread only. */
  Body next() {
    if (next == current.length) {
      Body[] fresh = ready.poll();
      if (fresh != null) {
        current = fresh;
      } else {
        reusedRounds++;
      }
      next = 0;
    }
    return current[next++];
  }

  long reusedRounds() {
    return reusedRounds;
  }

  long roundsEncoded() {
    return roundsEncoded.get();
  }

  /** Nanoseconds the encoder thread spent patching and compressing. */
  long encodeNanos() {
    return encodeNanos.get();
  }

  private void encodeLoop() {
    try {
      while (!stop) {
        Body[] r = encodeRound();
        while (!stop && !ready.offer(r, 100, TimeUnit.MILLISECONDS)) {
          // the sender has enough; wait
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Body[] encodeRound() {
    long t0 = System.nanoTime();
    round++;
    long now = System.currentTimeMillis();
    Body[] bodies = new Body[templates.length];
    for (int i = 0; i < templates.length; i++) {
      Template t = templates[i];
      t.patch(round, now);
      byte[] bytes;
      try {
        bytes = snappy ? Snappy.compress(t.raw()) : t.raw().clone();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bodies[i] = new Body(Buffer.buffer(bytes), t.samples());
    }
    encodeNanos.addAndGet(System.nanoTime() - t0);
    roundsEncoded.incrementAndGet();
    return bodies;
  }

  @Override
  public void close() {
    stop = true;
    encoder.interrupt();
  }
}
