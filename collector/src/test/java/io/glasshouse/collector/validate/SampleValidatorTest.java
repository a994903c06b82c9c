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

  final Labels inst = ok.with("instance", "i-1");

  private RejectionTally validate(Sample... samples) {
    RejectionTally tally = new RejectionTally();
    validator.validate(Protocol.JSON, List.of(samples), tally);
    return tally;
  }

  private static List<String> reasons(RejectionTally tally) {
    return tally.rejections().stream().map(r -> r.reason() + "=" + r.count()).toList();
  }

  @Test
  void cumulativeCounterGoingFromTenToMinusAMillionIsRefused() {
    long t = NOW.toEpochMilli();
    RejectionTally tally = validate(Sample.counter("c", inst, t - 1000, 10), Sample.counter("c", inst, t, -1_000_000));

    assertThat(reasons(tally)).containsExactly("negative_counter=1");
    assertThat(tally.rejections().get(0).detail()).contains("-1000000").contains("only go up");
  }

  @Test
  void histogramCountsAbove2To53AreRefusedAndSumsNeverWrap() {
    long t = NOW.toEpochMilli();
    long big = 1L << 62;
    RejectionTally tally = validate(
        // Each bucket valid as a long, but their sum wraps negative: the old check compared the wrapped sum.
        Sample.histogram("h", inst, t, Temporality.CUMULATIVE,
            new Buckets(new double[] {1}, new long[] {big, big}, big + big, 0)),
        Sample.histogram("h2", inst, t, Temporality.DELTA,
            new Buckets(new double[0], new long[] {9_000_000_000_000_000_000L}, 9_000_000_000_000_000_000L, 0)),
        Sample.histogram("h3", inst, t, Temporality.DELTA,
            new Buckets(new double[] {1}, new long[] {-1, 2}, 1, 0)),
        Sample.histogram("ok", inst, t, Temporality.DELTA,
            new Buckets(new double[] {1}, new long[] {SampleValidator.MAX_COUNT - 1, 1}, SampleValidator.MAX_COUNT,
                0)));

    assertThat(reasons(tally)).containsExactly("count_out_of_range=3");
    assertThat(tally.rejections().get(0).detail()).contains("2^53");
  }

  @Test
  void histogramCountMustEqualItsBuckets() {
    RejectionTally tally = validate(Sample.histogram("h", inst, NOW.toEpochMilli(), Temporality.DELTA,
        new Buckets(new double[] {1}, new long[] {1, 1}, 5, 0)));

    assertThat(reasons(tally)).containsExactly("invalid_buckets=1");
  }

  @Test
  void cumulativeInputWithoutInstanceIsRefusedWhileDeltaAndGaugesMayOmitIt() {
    long t = NOW.toEpochMilli();
    RejectionTally tally = validate(
        Sample.counter("c", ok, t, 1),
        Sample.histogram("h", ok, t, Temporality.CUMULATIVE, new Buckets(new double[0], new long[] {1}, 1, 0)),
        Sample.deltaCounter("d", ok, t, 1),
        Sample.histogram("dh", ok, t, Temporality.DELTA, new Buckets(new double[0], new long[] {1}, 1, 0)),
        Sample.gauge("g", ok, t, 1),
        Sample.counter("c", inst, t, 1));

    assertThat(reasons(tally)).containsExactly("missing_instance=2");
    assertThat(tally.rejections().get(0).detail()).contains("\"instance\"");
  }

  @Test
  void loneSurrogateInALabelValueIsRefusedNotStoredAsQuestionMark() {
    long t = NOW.toEpochMilli();
    RejectionTally tally = validate(Sample.gauge("g", ok.with("x", "a\ud800"), t, 1),
        Sample.gauge("g", ok.with("x", "\udc00"), t, 1),
        Sample.gauge("g", ok.with("x", "ok \ud83d\ude00"), t, 1));

    assertThat(reasons(tally)).containsExactly("invalid_label_value=2");
  }
}
