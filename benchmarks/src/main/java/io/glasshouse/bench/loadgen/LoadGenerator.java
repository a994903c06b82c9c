package io.glasshouse.bench.loadgen;

import io.glasshouse.bench.loadgen.BodySource.Body;
import io.glasshouse.rollup.cli.Cli;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load generator: sends pre-encoded remote write or OTLP bodies (see {@link BodySource}) to a server with a
 * fixed number of requests in flight, optionally paced to a sample rate, and reports accepted samples per
 * second, requests per second, ack latency (request sent to response received; HdrHistogram), errors by status
 * and, given {@code --server-pid}, the server's peak RSS and CPU use. Requests answered during the warm-up are
 * not counted; a request counts in the window in which its answer arrives.
 *
 * <p>All sending happens on one Vert.x event loop; encoding runs on its own thread ahead of the sender.
 */
public final class LoadGenerator {
  private LoadGenerator() {
  }

  /** Runs with command-line arguments; returns the process exit code (2 for bad arguments, naming the option). */
  public static int run(String[] args) {
    return Cli.execute(new Options(), args, System.out, System.err);
  }

  /** Runs the load described by validated options; returns the process exit code. */
  static int run(Options o) throws Exception {
    boolean rw = !o.protocol.equals("otlp");
    Workload w = Workload.of(o.instances, o.series, o.mix, rw);
    long t0 = System.nanoTime();
    BodySource src = new BodySource(o, w);
    System.out.printf(Locale.ROOT, "loadgen: %s %s, %d instances x %d series (%d items each), %d bodies of ~%d "
            + "samples per round; round = %.1f MiB raw, %.1f MiB on the wire; templates built in %d ms%n",
        o.protocol, o.mix.name().toLowerCase(Locale.ROOT), o.instances, o.series, w.items().size(),
        src.bodiesPerRound(), src.samplesPerRound() / src.bodiesPerRound(), src.rawBytesPerRound() / 1048576.0,
        src.compressedBytesPerRound() / 1048576.0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    URI endpoint = o.endpoint();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true)
        .setUserAgent("glasshouse-loadgen"), new PoolOptions()
        .setHttp1MaxSize(o.concurrency));
    ProcessWatch watch = new ProcessWatch(o.serverPid);
    Run run = new Run(o, endpoint, src, client, watch, vertx);
    vertx.runOnContext(v -> run.start());
    run.done.get();
    String report = run.report();
    System.out.print(report);
    watch.close();
    src.close();
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return run.accepted > 0 ? 0 : 1;
  }

  /** One run; all fields but {@link #done} are touched on the event loop only (and read after it finished). */
  private static final class Run {
    private final Options o;
    private final URI endpoint;
    private final BodySource src;
    private final WebClient client;
    private final ProcessWatch watch;
    private final Vertx vertx;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final boolean rw;

    private long startNanos;
    private long warmupEnd;
    private long end;
    private long nextSendAt;
    private int inFlight;
    private boolean stopping;
    private boolean finished;
    private boolean warmupTimeOver;
    private long answeredBodies;
    private double warmupSeconds;

    // measured window
    long accepted;
    private long rejectedSamples;
    private long requestsOk;
    private long requestsFailed;
    private final Histogram latency = new Histogram(1, TimeUnit.MINUTES.toMicros(10), 3);
    /** Latency of the accepted (2xx) requests alone: what a sender whose samples got in waited. */
    private final Histogram okLatency = new Histogram(1, TimeUnit.MINUTES.toMicros(10), 3);
    /** Refusals (4xx/5xx) in the window that carried a {@code Retry-After} header. */
    private long refusedWithRetryAfter;
    // whole run, warm-up and tail included: what the server must hold once the run is over
    private long ackedTotal;
    private long refusedSamplesTotal;
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, String> firstError = new TreeMap<>();
    private double serverCpu0 = -1;
    private double serverCpu1 = -1;
    private double machine0;
    private double machine1;
    private long genCpu0;
    private long genCpu1;
    private long encode0;
    private long encode1;

    // progress interval
    private long intAccepted;
    private long intRequests;
    private long intErrors;
    private final Histogram intLatency = new Histogram(1, TimeUnit.MINUTES.toMicros(10), 3);
    private long intStart;
    private double intServerCpu;

    Run(Options o, URI endpoint, BodySource src, WebClient client, ProcessWatch watch, Vertx vertx) {
      this.o = o;
      this.endpoint = endpoint;
      this.src = src;
      this.client = client;
      this.watch = watch;
      this.vertx = vertx;
      this.rw = !o.protocol.equals("otlp");
    }

    void start() {
      startNanos = System.nanoTime();
      warmupEnd = Long.MAX_VALUE;
      end = Long.MAX_VALUE;
      nextSendAt = startNanos;
      intStart = startNanos;
      intServerCpu = watch.processCpuSeconds();
      if (o.warmup.isZero()) {
        warmupTimeOver = true;
      } else {
        vertx.setTimer(o.warmup.toMillis(), id -> {
          warmupTimeOver = true;
          maybeStartWindow();
        });
      }
      vertx.setPeriodic(o.progress.toMillis(), id -> {
        if (!finished) {
          progress();
        }
      });
      for (int i = 0; i < o.concurrency; i++) {
        sendNext();
      }
    }

    /**
     * The measured window opens once the warm-up time is over and a whole round has been answered, so every
     * series exists on the server and creating them is not what is measured.
     */
    private void maybeStartWindow() {
      if (warmupEnd != Long.MAX_VALUE || !warmupTimeOver || answeredBodies < src.bodiesPerRound()) {
        return;
      }
      warmupEnd = System.nanoTime();
      end = warmupEnd + o.duration.toNanos();
      warmupSeconds = (warmupEnd - startNanos) / 1e9;
      markWindowStart();
      vertx.setTimer(o.duration.toMillis(), id -> stop());
    }

    private void markWindowStart() {
      serverCpu0 = watch.processCpuSeconds();
      machine0 = ProcessWatch.machineBusySeconds();
      genCpu0 = ownCpuNanos();
      encode0 = src.encodeNanos();
    }

    private void stop() {
      serverCpu1 = watch.processCpuSeconds();
      machine1 = ProcessWatch.machineBusySeconds();
      genCpu1 = ownCpuNanos();
      encode1 = src.encodeNanos();
      stopping = true;
      vertx.setTimer(30_000, id -> finish());
      if (inFlight == 0) {
        finish();
      }
    }

    private void finish() {
      if (!finished) {
        finished = true;
        done.complete(null);
      }
    }

    private void sendNext() {
      if (stopping) {
        if (inFlight == 0) {
          finish();
        }
        return;
      }
      Body b = src.next();
      if (o.rate > 0) {
        long now = System.nanoTime();
        long at = nextSendAt;
        nextSendAt = Math.max(nextSendAt, now - TimeUnit.SECONDS.toNanos(1)) + b.samples() * 1_000_000_000L / o.rate;
        if (at > now) {
          inFlight++; // reserve the slot while waiting
          vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(at - now)), id -> {
            inFlight--;
            if (stopping) {
              sendNext();
            } else {
              send(b);
            }
          });
          return;
        }
      }
      send(b);
    }

    private void send(Body b) {
      inFlight++;
      long t0 = System.nanoTime();
      HttpRequest<Buffer> req = client.postAbs(endpoint.toString())
          .putHeader("Content-Type", "application/x-protobuf");
      if (rw) {
        req.putHeader("Content-Encoding", "snappy").putHeader("X-Prometheus-Remote-Write-Version", "0.1.0");
      }
      req.sendBuffer(b.buffer()).onComplete(ar -> {
        inFlight--;
        answered(b, ar, System.nanoTime(), t0);
        sendNext();
      });
    }

    private void answered(Body b, AsyncResult<HttpResponse<Buffer>> ar, long t1, long t0) {
      answeredBodies++;
      if (warmupEnd == Long.MAX_VALUE) {
        maybeStartWindow();
      }
      boolean measured = t1 >= warmupEnd && t1 <= end;
      long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(t1 - t0));
      intLatency.recordValue(Math.min(micros, intLatency.getHighestTrackableValue()));
      intRequests++;
      String error = null;
      long ok = 0;
      long rejected = 0;
      boolean retryAfter = false;
      if (ar.failed()) {
        error = "io:" + ar.cause().getClass().getSimpleName();
        remember(error, String.valueOf(ar.cause().getMessage()));
      } else {
        HttpResponse<Buffer> r = ar.result();
        if (r.statusCode() / 100 == 2) {
          ok = b.samples();
          if (!rw && r.body() != null && r.body().length() > 0) {
            rejected = otlpRejected(r.body());
            ok -= rejected;
          }
        } else {
          error = Integer.toString(r.statusCode());
          retryAfter = r.getHeader("Retry-After") != null;
          refusedSamplesTotal += b.samples();
          remember(error, (retryAfter ? "[Retry-After: " + r.getHeader("Retry-After") + "] " : "")
              + (r.body() == null ? "" : r.bodyAsString()));
        }
      }
      if (error != null) {
        intErrors++;
      }
      intAccepted += ok;
      ackedTotal += ok;
      if (!measured) {
        return;
      }
      latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
      accepted += ok;
      rejectedSamples += rejected;
      if (error != null) {
        requestsFailed++;
        errors.merge(error, 1L, Long::sum);
        if (retryAfter) {
          refusedWithRetryAfter++;
        }
      } else {
        requestsOk++;
        okLatency.recordValue(Math.min(micros, okLatency.getHighestTrackableValue()));
      }
    }

    private void remember(String key, String detail) {
      firstError.computeIfAbsent(key, k -> {
        String d = detail.replace('\n', ' ');
        System.out.println("loadgen: first error " + key + ": " + (d.length() > 300 ? d.substring(0, 300) + "..." : d));
        return d;
      });
    }

    private long otlpRejected(Buffer body) {
      try {
        ExportMetricsServiceResponse resp = ExportMetricsServiceResponse.parseFrom(body.getBytes());
        long n = resp.getPartialSuccess().getRejectedDataPoints();
        if (n > 0) {
          remember("partial_success", n + " points rejected: " + resp.getPartialSuccess().getErrorMessage());
        }
        return n;
      } catch (Exception e) {
        return 0; // not a protobuf answer (e.g. JSON): count as accepted
      }
    }

    private void progress() {
      long now = System.nanoTime();
      double secs = (now - intStart) / 1e9;
      double cpu = watch.processCpuSeconds();
      String server = "";
      if (watch.enabled()) {
        server = String.format(Locale.ROOT, "  server rss %d MiB cpu %.2f", watch.lastRssKib() / 1024,
            (cpu - intServerCpu) / secs);
      }
      System.out.printf(Locale.ROOT, "[%5.0fs] %,12.0f samples/s %,8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  "
              + "errors %d  in-flight %d%s%s%n",
          (now - startNanos) / 1e9, intAccepted / secs, intRequests / secs,
          intLatency.getValueAtPercentile(50) / 1000.0, intLatency.getValueAtPercentile(99) / 1000.0, intErrors,
          inFlight, server, now < warmupEnd ? "  (warm-up)" : "");
      intAccepted = 0;
      intRequests = 0;
      intErrors = 0;
      intLatency.reset();
      intStart = now;
      intServerCpu = cpu;
    }

    private static long ownCpuNanos() {
      var os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getProcessCpuTime();
      }
      return -1;
    }

    String report() {
      double secs = o.duration.toNanos() / 1e9;
      double samplesPerSec = accepted / secs;
      double reqPerSec = (requestsOk + requestsFailed) / secs;
      double p50 = latency.getValueAtPercentile(50) / 1000.0;
      double p90 = latency.getValueAtPercentile(90) / 1000.0;
      double p99 = latency.getValueAtPercentile(99) / 1000.0;
      double max = latency.getMaxValue() / 1000.0;
      double serverCores = serverCpu0 >= 0 && serverCpu1 >= 0 ? (serverCpu1 - serverCpu0) / secs : -1;
      double genCores = (genCpu1 - genCpu0) / 1e9 / secs;
      double machineCores = (machine1 - machine0) / secs;
      double others = Math.max(0, machineCores - genCores - Math.max(0, serverCores));
      long peakKib = watch.enabled() ? watch.peakRssKib() : -1;
      StringBuilder sb = new StringBuilder();
      sb.append("== loadgen result ==\n");
      sb.append(String.format(Locale.ROOT, "target            %s (%s, %s)%n", endpoint, o.protocol,
          o.mix.name().toLowerCase(Locale.ROOT)));
      sb.append(String.format(Locale.ROOT, "load              %d instances x %d series, %d samples/request, "
              + "concurrency %d, rate %s%n", o.instances, o.series, o.samplesPerRequest, o.concurrency,
          o.rate == 0 ? "unlimited" : o.rate + " samples/s"));
      sb.append(String.format(Locale.ROOT, "window            %.1f s measured after %.1f s warm-up (at least %s and "
          + "one full round: %d bodies)%n", secs, warmupSeconds, o.warmup, src.bodiesPerRound()));
      sb.append(String.format(Locale.ROOT, "accepted samples  %,.0f /s%s%n", samplesPerSec,
          rejectedSamples > 0 ? "  (" + rejectedSamples + " samples rejected in partial_success)" : ""));
      sb.append(String.format(Locale.ROOT, "requests          %,.1f /s  (%d 2xx, %d failed)%n", reqPerSec,
          requestsOk, requestsFailed));
      sb.append(String.format(Locale.ROOT, "ack latency       p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
          p50, p90, p99, max));
      double okP99 = okLatency.getValueAtPercentile(99) / 1000.0;
      sb.append(String.format(Locale.ROOT, "accepted requests p50 %.2f ms  p99 %.2f ms  max %.2f ms (2xx only)%n",
          okLatency.getValueAtPercentile(50) / 1000.0, okP99, okLatency.getMaxValue() / 1000.0));
      sb.append("errors by status  ").append(errors.isEmpty() ? "none" : errors.toString())
          .append(requestsFailed > 0 ? " (" + refusedWithRetryAfter + " with Retry-After)" : "").append('\n');
      sb.append(String.format(Locale.ROOT, "whole run         %d samples acknowledged, %d samples in refused "
          + "requests (warm-up and tail included)%n", ackedTotal, refusedSamplesTotal));
      if (watch.enabled()) {
        sb.append(String.format(Locale.ROOT, "server peak RSS   %d MiB (pid %d; VmHWM / VmRSS every 100 ms)%n",
            peakKib / 1024, o.serverPid));
      }
      sb.append(String.format(Locale.ROOT, "CPU (cores avg)   server %s, generator %.2f (its encoder thread busy %.2f of wall time), "
              + "everything else %.2f; machine has %d%n",
          serverCores >= 0 ? String.format(Locale.ROOT, "%.2f", serverCores) : "n/a", genCores,
          (encode1 - encode0) / 1e9 / secs, others, Runtime.getRuntime().availableProcessors()));
      if (serverCores > 0) {
        sb.append(String.format(Locale.ROOT, "server efficiency %,.0f samples per server CPU-second%n",
            samplesPerSec / serverCores));
      }
      sb.append(String.format(Locale.ROOT, "generator         %d rounds encoded, %d rounds re-sent because the "
          + "encoder was behind%n", src.roundsEncoded(), src.reusedRounds()));
      sb.append(String.format(Locale.ROOT, "RESULT protocol=%s mix=%s instances=%d series=%d spr=%d concurrency=%d "
              + "rate=%d duration_s=%.0f samples_per_s=%.0f requests_per_s=%.1f p50_ms=%.2f p99_ms=%.2f "
              + "errors=%d server_peak_rss_mib=%d server_cpu=%.2f samples_per_cpu_s=%.0f gen_cpu=%.2f other_cpu=%.2f "
              + "resent_rounds=%d ok_p99_ms=%.2f retry_after=%d acked_total=%d refused_samples_total=%d%n",
          o.protocol, o.mix.name().toLowerCase(Locale.ROOT), o.instances, o.series, o.samplesPerRequest,
          o.concurrency, o.rate, secs, samplesPerSec, reqPerSec, p50, p99, requestsFailed,
          peakKib < 0 ? -1 : peakKib / 1024, serverCores, serverCores > 0 ? samplesPerSec / serverCores : -1,
          genCores, others, src.reusedRounds(), okP99, refusedWithRetryAfter, ackedTotal, refusedSamplesTotal));
      return sb.toString();
    }
  }
}
