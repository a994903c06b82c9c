package io.glasshouse.statuspage.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue #8: one unit system (binary IEC for bytes), fractions as percentages, model names in plain words. */
class UnitsAndModelWordsTest {
  @Test
  void bytesAreBinaryIecUnits() {
    assertThat(Units.format(214_748_364_800d, Optional.of("bytes"))).isEqualTo("200 GiB");
    assertThat(Units.format(536_870_912d, Optional.of("bytes"))).isEqualTo("512 MiB");
    assertThat(Units.format(1.3 * 1024 * 1024 * 1024 * 1024, Optional.of("bytes"))).isEqualTo("1.3 TiB");
    assertThat(Units.tickScale(300d * 1024 * 1024 * 1024, Optional.of("bytes"))).isEqualTo(1024d * 1024 * 1024);
  }

  @Test
  void aFractionIsAPercentageNotCores() {
    assertThat(Units.format(0.43, Optional.of("fraction"))).isEqualTo("43%");
    assertThat(Units.format(7.5, Optional.of("connections"))).isEqualTo("7.5 connections");
  }

  @Test
  void modelNamesReadAsPlainWords() {
    assertThat(ModelWords.plain("hw-add-damped(day)")).isEqualTo("daily pattern added to a levelling trend");
    assertThat(ModelWords.plain("median(hw-add-damped(day), linear(7d), seasonal-naive(week))"))
        .isEqualTo("middle of: daily pattern added to a levelling trend; straight-line trend (7d); same time last week");
    assertThat(ModelWords.plain("naive | seasonal-mean3(day)"))
        .isEqualTo("last value / average of the same time over the last 3 days");
  }
}
