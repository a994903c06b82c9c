package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static io.glasshouse.collector.RemoteWriteClient.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code collector.decoder}: fast (the default) and reference give the sink the same samples and refusals. */
@ExtendWith(VertxExtension.class)
class RemoteWriteDecoderChoiceTest {
  static final long T = CollectorServer.NOW.toEpochMilli();

  @Test
  void theFastDecoderIsTheDefaultAndABadValueNamesTheKey() {
    assertThat(CollectorConfig.DEFAULT.decoder()).isEqualTo(CollectorConfig.Decoder.FAST);
    assertThat(CollectorConfig.fromJson(new JsonObject().put("decoder", "reference")).decoder())
        .isEqualTo(CollectorConfig.Decoder.REFERENCE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CollectorConfig.fromJson(new JsonObject().put("decoder", "quick")).validate())
        .withMessageContaining("collector.decoder").withMessageContaining("fast or reference");
  }

  @Test
  void bothDecodersHandTheSinkTheSameSamplesAndRefuseTheSameBodies(Vertx vertx) {
    WriteRequest good = WriteRequest.newBuilder()
        .addTimeseries(series(42, T, "__name__", "http_requests_total", "job", "checkout", "instance", "i-1"))
        .addTimeseries(series(3, T, "__name__", "lat_bucket", "le", "0.5", "job", "checkout", "instance", "i-1"))
        .addTimeseries(series(Double.NaN, T, "__name__", "temperature", "job", "checkout"))
        .build();
    byte[] truncated = java.util.Arrays.copyOf(good.toByteArray(), 30);
    List<List<Sample>> samples = new ArrayList<>();
    List<Integer> refusals = new ArrayList<>();
    for (String decoder : new String[] {"fast", "reference"}) {
      CollectorServer server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
          .put("decoder", decoder)));
      try {
        RemoteWriteClient client = new RemoteWriteClient(server);
        assertThat(client.write(good).statusCode()).isEqualTo(204);
        samples.add(server.sink.samples());
        JsonObject p = assertProblem(client.sendRaw(RemoteWriteClient.snappy(truncated)), 400);
        assertThat(p.getString("detail")).contains("WriteRequest");
        refusals.add(server.sink.batches.size());
      } finally {
        server.close();
      }
    }

    assertThat(samples.get(0)).hasSize(2).containsExactlyElementsOf(samples.get(1));
    assertThat(refusals).containsExactly(1, 1);
  }
}
