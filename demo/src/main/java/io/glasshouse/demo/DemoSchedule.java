package io.glasshouse.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When the demo fleet's trouble comes, so that a newcomer sees budgets and statuses move soon after start and
 * regularly after that. Scheduled trouble runs only while churn is on ({@code demo.churn-interval} not 0).
 *
 * @param firstIncident after the fleet's start, when the first scheduled incident (an error burst) begins (key
 *     {@code first-incident}; default 5m)
 * @param incidentInterval time between scheduled incidents, which alternate between error bursts and latency
 *     regressions over the services in turn; 0 leaves only the random ones of {@code incident-probability} (key
 *     {@code incident-interval}; default 30m)
 * @param misbehaveInterval time between episodes in which one instance misbehaves alone (15 % server errors or
 *     four times slower, alternately) so that its peers flag it as an outlier; the first comes half an interval
 *     after start; 0 turns them off (key {@code misbehave-interval}; default 30m)
 * @param misbehaveDuration how long an episode lasts (key {@code misbehave-duration}; default 8m)
 */
public record DemoSchedule(Duration firstIncident, Duration incidentInterval, Duration misbehaveInterval,
    Duration misbehaveDuration) {

  /** First incident 5 minutes after start, then every 30 minutes; a misbehaving instance every 30 minutes for 8. */
  public static DemoSchedule defaults() {
    return new DemoSchedule(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(30),
        Duration.ofMinutes(8));
  }

  /** Problems, each starting with the full key; empty when valid. */
  List<String> validate() {
    List<String> problems = new ArrayList<>();
    notNegative(problems, "first-incident", firstIncident);
    notNegative(problems, "incident-interval", incidentInterval);
    notNegative(problems, "misbehave-interval", misbehaveInterval);
    if (misbehaveDuration == null || misbehaveDuration.isNegative() || misbehaveDuration.isZero()) {
      problems.add(DemoConfig.PREFIX + "misbehave-duration must be a positive duration, was " + misbehaveDuration);
    }
    return problems;
  }

  private static void notNegative(List<String> problems, String key, Duration d) {
    if (d == null || d.isNegative()) {
      problems.add(DemoConfig.PREFIX + key + " must be 0 (off) or a positive duration, was " + d);
    }
  }
}
