package io.glasshouse.collector.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.time.ManualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleValidatorTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  final SampleValidator validator = new SampleValidator(ValidationLimits.DEFAULTS, new ManualClock(NOW));
  final Labels ok = Labels.of("service", "api");

  @Test
  void validSamplesComeBackAsTheSameList() {
    List<Sample> in = List.of(Sample.gauge("g", ok, NOW.toEpochMilli(), 1));
    RejectionTally tally = new RejectionTally();

    assertThat(validator.validate(Protocol.JSON, in, tally)).isSameAs(in);
    assertThat(tally.isEmpty()).isTrue();
  }

  @Test
  void eachProblemHasItsReasonAndOnlyTheFirstCarriesADetail() {
    long t = NOW.toEpochMilli();
    List<Sample> in = List.of(
        Sample.gauge("g", ok, t, 1),
        Sample.gauge("g", Labels.of("instance", "i"), t, 1),
        Sample.gauge("g", Labels.of("instance", "j"), t, 1),
        Sample.gauge("bad-name", ok, t, 1),
        Sample.gauge("g", ok.with("9x", "v"), t, 1),
        Sample.gauge("g", ok.with("x", "v".repeat(2000)), t, 1),
        Sample.counter("c", ok, t, Double.POSITIVE_INFINITY),
        Sample.histogram("h", ok, t, Temporality.DELTA, new Buckets(new double[] {1}, new long[] {1, 1}, 3, 0)));
    RejectionTally tally = new RejectionTally();

    List<Sample> valid = validator.validate(Protocol.OTLP, in, tally);

    assertThat(valid).hasSize(1);
    assertThat(tally.rejections()).extracting(r -> r.reason() + "=" + r.count()).containsExactly(
        "missing_service=2", "invalid_metric_name=1", "invalid_label_name=1", "label_value_too_long=1",
        "non_finite_value=1", "invalid_buckets=1");
    assertThat(tally.rejections().get(0).detail()).contains("service.name");
  }
}
