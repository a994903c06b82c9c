package io.glasshouse.collector.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.time.ManualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #6: control characters (among them the U+001E/U+001F separators the store once used) are refused in
 * label names, which must match {@code [a-zA-Z_][a-zA-Z0-9_]*}; label values may hold any character, since the
 * store keeps them length-prefixed.
 */
class ControlCharactersTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  final SampleValidator validator = new SampleValidator(ValidationLimits.DEFAULTS, new ManualClock(NOW));

  @Test
  void controlCharactersInLabelNamesAreRefusedWithTheirReason() {
    for (String name : List.of("a\u001eb", "a\u001f", "\u0000", "x\ty", "path\n", "\u007f")) {
      RejectionTally tally = new RejectionTally();
      List<Sample> valid = validator.validate(Protocol.JSON,
          List.of(Sample.gauge("g", Labels.of("service", "api", name, "v"), NOW.toEpochMilli(), 1)), tally);
      assertThat(valid).as("name %s", name.chars().boxed().toList()).isEmpty();
      assertThat(tally.rejections()).singleElement().satisfies(r -> assertThat(r.reason())
          .isEqualTo(Reasons.INVALID_LABEL_NAME));
    }
  }

  @Test
  void controlCharactersInLabelValuesAreAccepted() {
    List<Sample> in = List.of(Sample.gauge("g", Labels.of("service", "api", "path", "a\u001eb\u001f\u0000"),
        NOW.toEpochMilli(), 1));
    RejectionTally tally = new RejectionTally();
    assertThat(validator.validate(Protocol.JSON, in, tally)).isSameAs(in);
  }
}
