package io.glasshouse.alerts.rule;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The staff view's pages that alerts link to ({@code staff_url}, made absolute with {@code alerts.external-url}).
 * They must name pages the staff view serves: an SLO's page, a service's instances page, the capacity report and
 * the alerts page.
 */
public final class StaffLinks {
  /** The staff view's alerts page: active alerts with their figures, history, silences, notification log. */
  public static final String ALERTS = "/staff/alerts";
  /** The capacity report behind the staff session. */
  public static final String CAPACITY = "/staff/capacity";

  private StaffLinks() {
  }

  /** A service's instances against their peers. */
  public static String instances(String service) {
    return "/staff/services/" + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("+", "%20")
        + "/instances";
  }

  /** An SLO's page. */
  public static String slo(String slo) {
    return "/staff/slos/" + URLEncoder.encode(slo, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
