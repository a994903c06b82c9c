package io.glasshouse.server.e2e;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * What Prometheus sends to a remote-write 1.0 receiver: a {@code WriteRequest} protobuf, snappy block-compressed,
 * with the remote-write headers. Build a request with {@link #request()}, then {@link Batch#send()} it.
 */
public final class RemoteWriter {
  private final WebClient client;
  private final int port;

  public RemoteWriter(WebClient client, int port) {
    this.client = client;
    this.port = port;
  }

  public Batch request() {
    return new Batch();
  }

  /** One remote-write request under construction. */
  public final class Batch {
    private final WriteRequest.Builder req = WriteRequest.newBuilder();

    /** Adds a series with one sample; labels as name/value pairs, {@code __name__} included. */
    public Batch sample(String metric, double value, long timestampMs, Map<String, String> labels) {
      Map<String, String> sorted = new TreeMap<>(labels);
      sorted.put("__name__", metric);
      TimeSeries.Builder ts = TimeSeries.newBuilder();
      sorted.forEach((k, v) -> ts.addLabels(Label.newBuilder().setName(k).setValue(v)));
      ts.addSamples(io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample.newBuilder()
          .setValue(value).setTimestamp(timestampMs));
      req.addTimeseries(ts);
      return this;
    }

    /**
     * Adds a classic histogram as Prometheus exposes it: cumulative {@code _bucket{le}} counts (the last bound is
     * {@code +Inf}), {@code _sum} and {@code _count}, all at one timestamp.
     */
    public Batch histogram(String base, double[] bounds, long[] cumulativeCounts, double sum, long timestampMs,
        Map<String, String> labels) {
      for (int i = 0; i < bounds.length; i++) {
        Map<String, String> l = new TreeMap<>(labels);
        l.put("le", Double.isInfinite(bounds[i]) ? "+Inf" : Double.toString(bounds[i]));
        sample(base + "_bucket", cumulativeCounts[i], timestampMs, l);
      }
      sample(base + "_sum", sum, timestampMs, labels);
      sample(base + "_count", cumulativeCounts[cumulativeCounts.length - 1], timestampMs, labels);
      return this;
    }

    public Future<HttpResponse<Buffer>> send() {
      byte[] body;
      try {
        body = Snappy.compress(req.build().toByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return client.post(port, "127.0.0.1", "/api/v1/write")
          .putHeader("Content-Type", "application/x-protobuf")
          .putHeader("Content-Encoding", "snappy")
          .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0")
          .putHeader("User-Agent", "glasshouse-e2e-remote-write")
          .sendBuffer(Buffer.buffer(body));
    }
  }
}
