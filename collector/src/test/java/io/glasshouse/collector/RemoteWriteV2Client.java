package io.glasshouse.collector;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Metadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Request;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Sample;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.TimeSeries;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends what a Prometheus remote-write 2.0 sender sends (as Prometheus 3 does): an
 * {@code io.prometheus.write.v2.Request} with interned strings, snappy block-compressed, with the 2.0 headers.
 */
final class RemoteWriteV2Client {
  private final CollectorServer server;

  RemoteWriteV2Client(CollectorServer server) {
    this.server = server;
  }

  /** Builds one request: the symbol table starts with "" as the specification requires. */
  static final class Builder {
    private final Request.Builder request = Request.newBuilder().addSymbols("");
    private final Map<String, Integer> symbols = new HashMap<>(Map.of("", 0));

    int ref(String s) {
      return symbols.computeIfAbsent(s, k -> {
        request.addSymbols(k);
        return request.getSymbolsCount() - 1;
      });
    }

    /** A series with one sample; labels sorted by name as the specification requires. */
    Builder series(Metadata.MetricType type, long createdMs, double value, long ts, String... labelPairs) {
      TreeMap<String, String> sorted = new TreeMap<>();
      for (int i = 0; i < labelPairs.length; i += 2) {
        sorted.put(labelPairs[i], labelPairs[i + 1]);
      }
      TimeSeries.Builder b = TimeSeries.newBuilder();
      sorted.forEach((n, v) -> b.addLabelsRefs(ref(n)).addLabelsRefs(ref(v)));
      b.addSamples(Sample.newBuilder().setValue(value).setTimestamp(ts));
      b.setMetadata(Metadata.newBuilder().setType(type).setHelpRef(ref("help")).setUnitRef(0));
      b.setCreatedTimestamp(createdMs);
      request.addTimeseries(b);
      return this;
    }

    /** A series as given, e.g. with broken references. */
    Builder raw(TimeSeries ts) {
      request.addTimeseries(ts);
      return this;
    }

    Request build() {
      return request.build();
    }
  }

  HttpResponse<Buffer> write(Request request) {
    return server.send(server.post(CollectorRoutes.REMOTE_WRITE_PATH)
        .putHeader("Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request")
        .putHeader("Content-Encoding", "snappy")
        .putHeader("X-Prometheus-Remote-Write-Version", "2.0.0")
        .putHeader("User-Agent", "glasshouse-test-remote-write-2"), RemoteWriteClient.snappy(request.toByteArray()));
  }
}
