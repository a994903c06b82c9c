package io.glasshouse.rollup.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolutionTest {
  private static final long H = 3_600_000L;

  @Test
  void cellsAreUtcAlignedAndTheOpenEndsOfARangeStayOpen() {
    assertThat(Resolution.HOUR.floor(5 * H + 1)).isEqualTo(5 * H);
    assertThat(Resolution.HOUR.ceil(5 * H + 1)).isEqualTo(6 * H);
    assertThat(Resolution.HOUR.ceil(5 * H)).isEqualTo(5 * H);
    assertThat(Resolution.DAY.floor(-1)).isEqualTo(-86_400_000L);
    assertThat(Resolution.DAY.floor(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(Resolution.DAY.ceil(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(Resolution.HOUR.ceil(Long.MIN_VALUE)).isGreaterThan(Long.MIN_VALUE).isNegative();
  }

  @Test
  void theCoarsestResolutionThatTilesAStepIsChosen() {
    assertThat(Resolution.coarsestFor(5 * 60_000L)).isEqualTo(Resolution.MINUTE);
    assertThat(Resolution.coarsestFor(90 * 60_000L)).isEqualTo(Resolution.MINUTE);
    assertThat(Resolution.coarsestFor(3 * H)).isEqualTo(Resolution.HOUR);
    assertThat(Resolution.coarsestFor(7 * 24 * H)).isEqualTo(Resolution.DAY);
  }
}
