package io.glasshouse.rollup.status;

import static io.glasshouse.rollup.status.ComponentStatus.DEGRADED_PERFORMANCE;
import static io.glasshouse.rollup.status.ComponentStatus.MAJOR_OUTAGE;
import static io.glasshouse.rollup.status.ComponentStatus.OPERATIONAL;
import static io.glasshouse.rollup.status.ComponentStatus.PARTIAL_OUTAGE;
import static io.glasshouse.rollup.status.ComponentStatus.UNDER_MAINTENANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageStatusTest {
  private static PageStatus of(ComponentStatus... s) {
    return PageStatus.of(List.of(s));
  }

  @Test
  void singleComponentMapsDegradedToMinorPartialToMajorMajorToCritical() {
    assertThat(of(OPERATIONAL)).isEqualTo(new PageStatus(PageIndicator.NONE, "All Systems Operational"));
    assertThat(of(DEGRADED_PERFORMANCE)).isEqualTo(new PageStatus(PageIndicator.MINOR, "Degraded System Service"));
    assertThat(of(PARTIAL_OUTAGE)).isEqualTo(new PageStatus(PageIndicator.MAJOR, "Partial System Outage"));
    assertThat(of(MAJOR_OUTAGE)).isEqualTo(new PageStatus(PageIndicator.CRITICAL, "Major System Outage"));
  }

  @Test
  void maintenanceAloneIsNoneWithTheMaintenanceDescription() {
    assertThat(of(UNDER_MAINTENANCE, OPERATIONAL))
        .isEqualTo(new PageStatus(PageIndicator.NONE, "Service Under Maintenance"));
    assertThat(of()).isEqualTo(PageStatus.ALL_OPERATIONAL);
  }

  @Test
  void severalComponentsBlendAsStatuspageDocumentsIt() {
    assertThat(of(MAJOR_OUTAGE, MAJOR_OUTAGE).indicator()).isEqualTo(PageIndicator.CRITICAL);
    assertThat(of(MAJOR_OUTAGE, OPERATIONAL)).isEqualTo(new PageStatus(PageIndicator.MAJOR, "Partial System Outage"));
    assertThat(of(PARTIAL_OUTAGE, PARTIAL_OUTAGE).indicator()).isEqualTo(PageIndicator.MAJOR);
    assertThat(of(PARTIAL_OUTAGE, OPERATIONAL)).isEqualTo(new PageStatus(PageIndicator.MINOR, "Minor Service Outage"));
    assertThat(of(DEGRADED_PERFORMANCE, OPERATIONAL))
        .isEqualTo(new PageStatus(PageIndicator.MINOR, "Partially Degraded Service"));
    assertThat(of(MAJOR_OUTAGE, UNDER_MAINTENANCE).indicator()).isEqualTo(PageIndicator.CRITICAL);
  }
}
