package io.glasshouse.rollup.status;

import java.util.Collection;
import java.util.Objects;

/**
 * The page's top-level status: Statuspage's indicator and its description, blended from the components' statuses
 * the way Statuspage documents its top-level status ("Top-level status and incident impact calculations"):
 *
 * <table>
 *   <caption>Blend (first matching row wins)</caption>
 *   <tr><th>components</th><th>description</th><th>indicator</th></tr>
 *   <tr><td>every one in major outage</td><td>Major System Outage</td><td>critical</td></tr>
 *   <tr><td>some in major outage, or every one in partial outage</td><td>Partial System Outage</td><td>major</td></tr>
 *   <tr><td>some in partial outage</td><td>Minor Service Outage</td><td>minor</td></tr>
 *   <tr><td>every one in degraded performance</td><td>Degraded System Service</td><td>minor</td></tr>
 *   <tr><td>some in degraded performance</td><td>Partially Degraded Service</td><td>minor</td></tr>
 *   <tr><td>some under maintenance, the rest operational</td><td>Service Under Maintenance</td><td>none</td></tr>
 *   <tr><td>all operational, or no components</td><td>All Systems Operational</td><td>none</td></tr>
 * </table>
 *
 * <p>"Every one" counts the components not under maintenance, so a page with one component in major outage and
 * the other under maintenance is critical. With a single component this reduces to: major outage → critical,
 * partial outage → major, degraded performance → minor, maintenance → none. Statuspage documents the indicator as
 * {@code none | minor | major | critical}; maintenance alone is {@code none} with the maintenance description
 * (some live Statuspage pages have been seen answering {@code "maintenance"}, which is not in the documented enum
 * and which clients written against the documentation do not expect).
 */
public record PageStatus(PageIndicator indicator, String description) {
  public static final PageStatus ALL_OPERATIONAL = new PageStatus(PageIndicator.NONE, "All Systems Operational");

  public PageStatus {
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(description, "description");
  }

  /** The blend of {@code statuses} (the page's public components). */
  public static PageStatus of(Collection<ComponentStatus> statuses) {
    int judged = 0;
    int[] count = new int[4];
    boolean maintenance = false;
    for (ComponentStatus s : statuses) {
      if (s == ComponentStatus.UNDER_MAINTENANCE) {
        maintenance = true;
      } else {
        judged++;
        count[s.severity()]++;
      }
    }
    int major = count[ComponentStatus.MAJOR_OUTAGE.severity()];
    int partial = count[ComponentStatus.PARTIAL_OUTAGE.severity()];
    int degraded = count[ComponentStatus.DEGRADED_PERFORMANCE.severity()];
    if (major > 0 && major == judged) {
      return new PageStatus(PageIndicator.CRITICAL, "Major System Outage");
    }
    if (major > 0 || (partial > 0 && partial == judged)) {
      return new PageStatus(PageIndicator.MAJOR, "Partial System Outage");
    }
    if (partial > 0) {
      return new PageStatus(PageIndicator.MINOR, "Minor Service Outage");
    }
    if (degraded > 0 && degraded == judged) {
      return new PageStatus(PageIndicator.MINOR, "Degraded System Service");
    }
    if (degraded > 0) {
      return new PageStatus(PageIndicator.MINOR, "Partially Degraded Service");
    }
    if (maintenance) {
      return new PageStatus(PageIndicator.NONE, "Service Under Maintenance");
    }
    return ALL_OPERATIONAL;
  }
}
