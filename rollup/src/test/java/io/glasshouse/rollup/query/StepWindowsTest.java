package io.glasshouse.rollup.query;

import static io.glasshouse.rollup.query.Cells.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepWindowsTest {

  @Test
  void rangeIsWidenedToTheStepGridAndPointsSitAtWindowEnds() {
    StepWindows w = StepWindows.of(minute(3) + 1234, minute(12), Duration.ofMinutes(5));
    assertThat(w.startMs()).isEqualTo(minute(0));
    assertThat(w.count()).isEqualTo(3);
    assertThat(w.endMs()).isEqualTo(minute(15));
    assertThat(w.pointTimeMs(0)).isEqualTo(minute(5));
    assertThat(w.indexOf(minute(4))).isEqualTo(0);
    assertThat(w.indexOf(minute(5))).isEqualTo(1);
    assertThat(w.indexOf(minute(15))).isEqualTo(-1);
    assertThat(w.indexOf(minute(-1))).isEqualTo(-1);
  }

  @Test
  void stepMustBeWholeMinutes() {
    assertThatThrownBy(() -> StepWindows.of(minute(0), minute(10), Duration.ofSeconds(90)))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.parameter()).isEqualTo("step"))
        .hasMessageContaining("whole number of minutes");
    assertThatThrownBy(() -> StepWindows.of(minute(0), minute(10), Duration.ZERO))
        .isInstanceOf(QueryException.class);
  }

  @Test
  void fromMustBeBeforeTo() {
    assertThatThrownBy(() -> StepWindows.of(minute(10), minute(10), Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
  }

  @Test
  void tooManyPointsTellsWhichStepWouldDo() {
    long from = minute(0);
    long to = from + Duration.ofDays(30).toMillis();
    assertThatThrownBy(() -> StepWindows.of(from, to, Duration.ofMinutes(1)))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.parameter()).isEqualTo("step"))
        .hasMessageContaining("43200 points per series, more than the limit of 11000; raise 'step' (to at least 4m)");
    assertThat(StepWindows.of(from, to, Duration.ofMinutes(4)).count()).isLessThanOrEqualTo(StepWindows.MAX_POINTS);
  }
}
