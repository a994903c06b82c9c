package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.rule.StaffLinks;
import org.junit.jupiter.api.Test;

/** Alerts link to pages the staff view serves, with the names in them encoded as one path segment. */
class StaffLinksTest {
  @Test
  void linksNameTheStaffViewsPagesWithEncodedSegments() {
    assertThat(StaffLinks.instances("checkout")).isEqualTo("/staff/services/checkout/instances");
    assertThat(StaffLinks.instances("a b/c")).isEqualTo("/staff/services/a%20b%2Fc/instances");
    assertThat(StaffLinks.slo("shop-availability")).isEqualTo("/staff/slos/shop-availability");
    assertThat(StaffLinks.CAPACITY).isEqualTo("/staff/capacity");
    assertThat(StaffLinks.ALERTS).isEqualTo("/staff/alerts");
  }
}
