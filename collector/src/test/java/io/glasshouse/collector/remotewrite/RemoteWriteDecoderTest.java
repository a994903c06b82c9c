package io.glasshouse.collector.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata.MetricType;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.DecodedBatch;
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
  void histogramSeriesBecomePartsWithTheirLeLabel() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(5, "__name__", "h_bucket", "le", "1", "job", "a"))
        .addTimeseries(ts(6, "__name__", "h_count", "job", "a"))
        .build());

    assertThat(d.samples()).extracting(s -> s.metric() + s.labels() + ":" + s.isHistogramPart())
        .containsExactly("h_bucket{le=\"1\",service=\"a\"}:true", "h_count{service=\"a\"}:true");
  }

  @Test
  void aBucketWhoseLeIsNotANumberIsRefused() {
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(5, "__name__", "h_bucket", "le", "fast", "job", "a"))
        .addTimeseries(ts(5, "__name__", "h_count", "job", "a"))
        .build());

    assertThat(d.samples()).extracting(Sample::metric).containsExactly("h_count");
    assertThat(d.tally().rejections()).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo("invalid_buckets");
      assertThat(r.detail()).contains("le=\"fast\"");
    });
  }

  @Test
  void metadataSentInARequestOfItsOwnDecidesLaterRequests() {
    MetricFamilies families = new MetricFamilies();
    RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("node_netstat_Tcp_InSegs")
            .setType(MetricType.COUNTER))
        .addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("queue_total").setType(MetricType.GAUGE))
        .addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("lat").setType(MetricType.HISTOGRAM))
        .build(), families);

    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addTimeseries(ts(5, "__name__", "node_netstat_Tcp_InSegs", "job", "a"))
        .addTimeseries(ts(5, "__name__", "queue_total", "job", "a"))
        .addTimeseries(ts(5, "__name__", "lat_count", "job", "a"))
        .build(), families);

    assertThat(d.samples()).extracting(s -> s.metric() + ":" + (s.isHistogramPart() ? "part" : s.kind()))
        .containsExactly("node_netstat_Tcp_InSegs:COUNTER", "queue_total:GAUGE", "lat_count:part");
  }

  @Test
  void untypedFamiliesEndingInTotalAreCountersAndOthersGauges() {
    MetricFamilies families = new MetricFamilies();
    DecodedBatch d = RemoteWriteDecoder.decode(WriteRequest.newBuilder()
        .addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("node_vmstat_pgfault_total")
            .setType(MetricType.UNKNOWN))
        .addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("node_vmstat_pgfault")
            .setType(MetricType.UNKNOWN))
        .addTimeseries(ts(5, "__name__", "node_vmstat_pgfault_total", "job", "a"))
        .addTimeseries(ts(5, "__name__", "node_vmstat_pgfault", "job", "a"))
        .build(), families);

    assertThat(d.samples()).extracting(s -> s.metric() + ":" + s.kind())
        .containsExactly("node_vmstat_pgfault_total:COUNTER", "node_vmstat_pgfault:GAUGE");
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
