package io.glasshouse.collector;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/** Sends what a Prometheus remote-write 1.0 sender sends: snappy block-compressed WriteRequest protobuf. */
final class RemoteWriteClient {
  private final CollectorServer server;
  String token;

  RemoteWriteClient(CollectorServer server) {
    this.server = server;
  }

  static TimeSeries series(double value, long timestampMs, String... labelPairs) {
    TimeSeries.Builder ts = TimeSeries.newBuilder();
    for (int i = 0; i < labelPairs.length; i += 2) {
      ts.addLabels(Label.newBuilder().setName(labelPairs[i]).setValue(labelPairs[i + 1]));
    }
    ts.addSamples(io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample.newBuilder()
        .setValue(value).setTimestamp(timestampMs));
    return ts.build();
  }

  static MetricMetadata metadata(String family, MetricMetadata.MetricType type) {
    return MetricMetadata.newBuilder().setMetricFamilyName(family).setType(type).build();
  }

  static byte[] snappy(byte[] raw) {
    try {
      return Snappy.compress(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<Buffer> write(WriteRequest request) {
    return sendRaw(snappy(request.toByteArray()));
  }

  HttpResponse<Buffer> sendRaw(byte[] body) {
    return server.send(request(), body);
  }

  HttpRequest<Buffer> request() {
    HttpRequest<Buffer> r = server.post(CollectorRoutes.REMOTE_WRITE_PATH)
        .putHeader("Content-Type", "application/x-protobuf")
        .putHeader("Content-Encoding", "snappy")
        .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0")
        .putHeader("User-Agent", "glasshouse-test-remote-write");
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return r;
  }
}
