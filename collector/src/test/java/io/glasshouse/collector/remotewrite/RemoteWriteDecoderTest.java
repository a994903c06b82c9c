package io.glasshouse.collector.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Sample;
import org.junit.jupiter.api.Test;

class RemoteWriteDecoderTest {
  static TimeSeries ts(double v, String... pairs) {
    TimeSeries.Builder b = TimeSeries.newBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.addLabels(Label.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]));
    }
    return b.addSamples(io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample.newBuilder()
        .setValue(v).setTimestamp(1000)).build();
  }

  @Test
  void bucketsOutOfOrderAreSortedAndWithoutInfTheCountIsTheOverflow() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(5, "__name__", "h_bucket", "le", "1", "job", "a"))
        .addTimeseries(ts(2, "__name__", "h_bucket", "le", "0.5", "job", "a"))
        .addTimeseries(ts(6, "__name__", "h_count", "job", "a"))
        .build());

    assertThat(d.samples()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(MetricKind.HISTOGRAM);
      assertThat(s.buckets().upperBounds()).containsExactly(0.5, 1);
      assertThat(s.buckets().counts()).containsExactly(2, 3, 1);
      assertThat(s.buckets().sum()).isZero();
    });
  }

  @Test
  void histogramsWithDifferentLabelsStayApart() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(1, "__name__", "h_bucket", "le", "+Inf", "job", "a", "route", "x"))
        .addTimeseries(ts(1, "__name__", "h_count", "job", "a", "route", "x"))
        .addTimeseries(ts(2, "__name__", "h_bucket", "le", "+Inf", "job", "a", "route", "y"))
        .addTimeseries(ts(2, "__name__", "h_count", "job", "a", "route", "y"))
        .build());

    assertThat(d.samples()).extracting(s -> s.labels().get("route") + "=" + s.buckets().count())
        .containsExactly("x=1", "y=2");
  }

  @Test
  void decreasingCumulativeBucketsAreRefused() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(5, "__name__", "h_bucket", "le", "0.1", "job", "a"))
        .addTimeseries(ts(3, "__name__", "h_bucket", "le", "0.2", "job", "a"))
        .addTimeseries(ts(5, "__name__", "h_count", "job", "a"))
        .build());

    assertThat(d.samples()).isEmpty();
    assertThat(d.tally().rejections()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("invalid_buckets");
      assertThat(r.count()).isEqualTo(3);
    });
  }

  @Test
  void bucketsWithoutCountStayCounters() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(5, "__name__", "h_bucket", "le", "0.1", "job", "a"))
        .build());

    assertThat(d.samples()).singleElement().satisfies(s -> {
      assertThat(s.metric()).isEqualTo("h_bucket");
      assertThat(s.kind()).isEqualTo(MetricKind.COUNTER);
      assertThat(s.labels().get("le")).isEqualTo("0.1");
    });
  }

  @Test
  void summaryPartsAreCountersAndQuantilesGauges() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(0.2, "__name__", "rpc_seconds", "quantile", "0.99", "job", "a"))
        .addTimeseries(ts(10, "__name__", "rpc_seconds_count", "job", "a"))
        .addTimeseries(ts(1.5, "__name__", "rpc_seconds_sum", "job", "a"))
        .build());

    assertThat(d.samples()).extracting(s -> s.metric() + ":" + s.kind())
        .containsExactlyInAnyOrder("rpc_seconds:GAUGE", "rpc_seconds_count:COUNTER", "rpc_seconds_sum:COUNTER");
  }

  @Test
  void seriesShareOneLabelsInstanceAcrossSamples() {
    TimeSeries two = ts(1, "__name__", "g", "job", "a").toBuilder()
        .addSamples(io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample.newBuilder()
            .setValue(2).setTimestamp(2000))
        .build();

    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder().addTimeseries(two).build());

    assertThat(d.samples()).hasSize(2);
    assertThat(d.samples().get(0).labels()).isSameAs(d.samples().get(1).labels());
    assertThat(d.samples()).extracting(Sample::timestampMs).containsExactly(1000L, 2000L);
  }
}
