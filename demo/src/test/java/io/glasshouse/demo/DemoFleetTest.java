package io.glasshouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.demo.DemoStatus.IncidentKind;
import io.glasshouse.demo.OtlpReceiver.Push;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DemoFleetTest {
  /** A Wednesday afternoon: the daily peak of a weekday, so every instance is busy. */
  private static final Instant PEAK = Instant.parse("2024-01-03T16:00:00Z");

  private OtlpReceiver receiver;
  private final List<DemoFleet> fleets = new ArrayList<>();
  private final ManualClock clock = new ManualClock(PEAK);

  @BeforeEach
  void startReceiver(Vertx vertx) throws Exception {
    receiver = OtlpReceiver.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    fleets.forEach(DemoFleet::close);
    receiver.close();
  }

  private static DemoConfig quick() {
    return DemoConfig.defaults().withStep(Duration.ofMillis(300)).withTick(Duration.ofMillis(50))
        .withChurnInterval(Duration.ZERO).withInstancesPerService(2)
        .withSeed(7);
  }

  private DemoFleet start(DemoConfig config) {
    DemoFleet fleet = DemoFleet.start(receiver.url(), clock, config);
    fleets.add(fleet);
    return fleet;
  }

  private static Set<String> instancesSeen(List<Push> pushes) {
    return pushes.stream().map(Push::instance).collect(Collectors.toSet());
  }

  private static boolean allSeen(List<Push> pushes, DemoStatus status) {
    return instancesSeen(pushes).containsAll(status.instanceIds());
  }

  /** Histogram data points of {@code http.server.requests} in one push. */
  private static List<HistogramDataPoint> requestPoints(Push p) {
    return p.named("http.server.requests").stream()
        .flatMap(m -> m.getHistogram().getDataPointsList().stream()).toList();
  }

  private static long requests(Push p) {
    return requestPoints(p).stream().mapToLong(HistogramDataPoint::getCount).sum();
  }

  private static long serverErrors(Push p) {
    return requestPoints(p).stream()
        .filter(d -> "SERVER_ERROR".equals(OtlpReceiver.attributes(d.getAttributesList()).get("outcome")))
        .mapToLong(HistogramDataPoint::getCount).sum();
  }

  private static double gauge(Push p, String name) {
    List<Metric> ms = p.named(name);
    assertThat(ms).as("gauge %s from %s", name, p.instance()).hasSize(1);
    assertThat(ms.get(0).hasGauge()).as("%s is a gauge", name).isTrue();
    NumberDataPoint d = ms.get(0).getGauge().getDataPoints(0);
    return d.getAsDouble();
  }

  @Test
  void everyServiceAndInstancePushesOverOtlpHttpWithItsResourceAttributes() throws Exception {
    DemoFleet fleet = start(quick());
    DemoStatus status = fleet.status();
    assertThat(status.services()).containsExactly("checkout", "search", "accounts");
    assertThat(status.instanceIds()).hasSize(6).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("(checkout|search|accounts)-[0-9a-f]{4}"));

    List<Push> pushes = receiver.await("every instance", ps -> allSeen(ps, status));

    assertThat(pushes.stream().map(Push::service).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("checkout", "search", "accounts");
    for (Push p : pushes) {
      assertThat(p.resource()).containsKeys("service.name", "service.instance.id", "service.version", "region");
      assertThat(p.instance()).startsWith(p.service() + "-");
    }
    assertThat(pushes).filteredOn(p -> p.service().equals("checkout")).extracting(Push::version)
        .containsOnly("2.3.1");
    assertThat(pushes.stream().map(p -> p.resource().get("region")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("eu-west-1", "us-east-1");
    assertThat(receiver.rejected()).isEmpty();
  }

  @Test
  void requestLatencyArrivesAsCumulativeHistogramsWithSloBuckets() throws Exception {
    start(quick());
    List<Push> pushes = receiver.await("requests of every service, and client errors",
        ps -> ps.stream().filter(p -> requests(p) > 0).map(Push::service).distinct().count() == 3
            && outcomes(ps).contains("CLIENT_ERROR"));

    Push p = pushes.stream().filter(x -> requests(x) > 0).findFirst().orElseThrow();
    Metric timer = p.named("http.server.requests").get(0);
    assertThat(timer.hasHistogram()).isTrue();
    assertThat(timer.getHistogram().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    HistogramDataPoint point = requestPoints(p).stream().filter(d -> d.getCount() > 0).findFirst().orElseThrow();
    assertThat(point.getExplicitBoundsList()).contains(50.0, 100.0, 250.0, 500.0, 1000.0);
    assertThat(point.getBucketCountsCount()).isEqualTo(point.getExplicitBoundsCount() + 1);
    assertThat(point.getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(point.getCount());
    assertThat(OtlpReceiver.attributes(point.getAttributesList()))
        .containsKeys("method", "uri", "status", "outcome");
    assertThat(outcomes(pushes)).contains("SUCCESS", "CLIENT_ERROR");
  }

  private static Set<String> outcomes(List<Push> pushes) {
    return pushes.stream().flatMap(x -> requestPoints(x).stream())
        .map(d -> OtlpReceiver.attributes(d.getAttributesList()).get("outcome")).collect(Collectors.toSet());
  }

  @Test
  void resourceGaugesAndBusinessCountersArrive() throws Exception {
    DemoFleet fleet = start(quick());
    List<Push> pushes = receiver.await("business events of every service",
        ps -> ps.stream().filter(p -> p.metrics().stream().anyMatch(m -> m.hasSum()
            && m.getSum().getDataPoints(0).getAsDouble() > 0)).map(Push::service).distinct().count() == 3);

    for (Push p : pushes) {
      assertThat(gauge(p, "process.cpu.usage")).isBetween(0.0, 1.0);
      assertThat(gauge(p, "jvm.memory.used")).isPositive().isLessThanOrEqualTo(gauge(p, "jvm.memory.max"));
      assertThat(gauge(p, "disk.used")).isPositive().isLessThanOrEqualTo(gauge(p, "disk.total"));
      assertThat(gauge(p, "db.connections.active")).isBetween(0.0, gauge(p, "db.connections.max"));
    }
    Map<String, String> counters = Map.of("checkout", "orders.placed", "search", "search.queries",
        "accounts", "logins");
    counters.forEach((service, name) -> {
      Metric m = pushes.stream().filter(p -> p.service().equals(service)).reduce((a, b) -> b).orElseThrow()
          .named(name).get(0);
      assertThat(m.hasSum()).isTrue();
      assertThat(m.getSum().getIsMonotonic()).isTrue();
    });
    assertThat(fleet.status().incidents()).isEmpty();
  }

  @Test
  void killedInstanceIsReplacedByANewIdAndFallsSilent() throws Exception {
    DemoFleet fleet = start(quick());
    DemoStatus before = fleet.status();
    receiver.await("every instance", ps -> allSeen(ps, before));

    String dead = fleet.killOne();
    int mark = receiver.size();

    DemoStatus after = fleet.status();
    assertThat(after.instanceIds()).doesNotContain(dead).hasSize(6);
    Set<String> born = new HashSet<>(after.instanceIds());
    born.removeAll(before.instanceIds());
    assertThat(born).hasSize(1);
    String fresh = born.iterator().next();
    assertThat(fresh).startsWith(dead.substring(0, dead.lastIndexOf('-') + 1));
    assertThat(after.replacements()).isEqualTo(1);

    List<Push> pushes = receiver.await("two pushes of the new instance",
        ps -> ps.stream().skip(mark).filter(p -> p.instance().equals(fresh)).count() >= 2);
    assertThat(pushes.subList(mark, pushes.size())).extracting(Push::instance).doesNotContain(dead);
    assertThat(pushes.subList(0, mark)).extracting(Push::instance).contains(dead);
  }

  @Test
  void restartedInstanceKeepsItsIdButItsCountersStartAgainFromZero() throws Exception {
    DemoFleet fleet = start(quick());
    DemoStatus before = fleet.status();
    receiver.await("30 requests from every instance", ps -> before.instanceIds().stream().allMatch(id ->
        ps.stream().filter(p -> p.instance().equals(id)).mapToLong(DemoFleetTest::requests).max().orElse(0) >= 30));

    String id = fleet.restartOne();
    List<Push> old = receiver.pushes();
    Push last = old.stream().filter(p -> p.instance().equals(id)).reduce((a, b) -> b).orElseThrow();

    List<Push> pushes = receiver.await("a push after the restart",
        ps -> ps.stream().skip(old.size()).anyMatch(p -> p.instance().equals(id)));
    Push first = pushes.stream().skip(old.size()).filter(p -> p.instance().equals(id)).findFirst().orElseThrow();

    assertThat(fleet.status().instanceIds()).contains(id).hasSize(6);
    assertThat(fleet.status().restarts()).isEqualTo(1);
    assertThat(fleet.status().replacements()).isZero();
    assertThat(requests(first)).isLessThan(requests(last));
    String counter = switch (first.service()) {
      case "checkout" -> "orders.placed";
      case "search" -> "search.queries";
      default -> "logins";
    };
    long startBefore = last.named(counter).get(0).getSum().getDataPoints(0).getStartTimeUnixNano();
    long startAfter = first.named(counter).get(0).getSum().getDataPoints(0).getStartTimeUnixNano();
    assertThat(startAfter).isGreaterThan(startBefore);
  }

  @Test
  void closePublishesTheLastStepOfEveryInstance() throws Exception {
    DemoFleet fleet = start(quick().withStep(Duration.ofHours(1)));
    fleet.afterTicks(60).get(20, TimeUnit.SECONDS);
    List<String> ids = fleet.status().instanceIds();
    int mark = receiver.size();

    fleet.close();

    List<Push> last = receiver.pushes().subList(mark, receiver.size());
    assertThat(last).extracting(Push::instance).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(last).allSatisfy(p -> assertThat(requests(p)).isPositive());
    assertThat(fleet.status().instanceIds()).isEmpty();
    fleet.close(); // idempotent
    assertThat(receiver.size()).isEqualTo(mark + ids.size());
  }

  @Test
  void churnReplacesInstancesAndStartsIncidentsOnItsOwn() throws Exception {
    DemoFleet fleet = start(quick().withChurnInterval(Duration.ofMillis(200)).withIncidentProbability(1.0)
        .withIncidentDuration(Duration.ofHours(1)));
    Set<String> initial = Set.copyOf(fleet.status().instanceIds());

    receiver.await("an instance born by churn", ps -> ps.stream().anyMatch(p -> !initial.contains(p.instance())));

    DemoStatus status = fleet.status();
    assertThat(status.replacements()).isPositive();
    assertThat(status.incidents()).isNotEmpty();
    assertThat(status.instanceIds()).hasSize(6);
  }

  @Test
  void errorBurstRaisesTheServerErrorRateOfOneService() throws Exception {
    DemoFleet fleet = start(quick());
    receiver.await("every instance", ps -> allSeen(ps, fleet.status()));

    fleet.startIncident(IncidentKind.ERROR_BURST, "search");
    assertThat(fleet.status().incidents()).singleElement()
        .satisfies(i -> assertThat(i.kind()).isEqualTo(IncidentKind.ERROR_BURST))
        .satisfies(i -> assertThat(i.service()).isEqualTo("search"));
    List<Push> before = receiver.pushes();
    Map<String, Push> lastBefore = before.stream().collect(Collectors.toMap(Push::instance, p -> p, (a, b) -> b));

    receiver.await("200 search requests during the burst", ps -> delta(ps, lastBefore, "search")[0] >= 200);
    long[] search = delta(receiver.pushes(), lastBefore, "search");
    assertThat((double) search[1] / search[0]).isGreaterThan(0.05);
  }

  /** Requests and 5xx of a service since {@code lastBefore}, from the latest push of each instance. */
  private static long[] delta(List<Push> pushes, Map<String, Push> lastBefore, String service) {
    Map<String, Push> latest = pushes.stream().filter(p -> p.service().equals(service))
        .collect(Collectors.toMap(Push::instance, p -> p, (a, b) -> b));
    long total = 0;
    long errors = 0;
    for (Push p : latest.values()) {
      Push b = lastBefore.get(p.instance());
      total += requests(p) - (b == null ? 0 : requests(b));
      errors += serverErrors(p) - (b == null ? 0 : serverErrors(b));
    }
    return new long[] {total, errors};
  }

  @Test
  void scheduledTroubleComesSoonAfterStartThenEveryInterval() throws Exception {
    DemoFleet fleet = start(quick().withInstancesPerService(3).withChurnInterval(Duration.ofHours(1))
        .withIncidentProbability(0).withIncidentDuration(Duration.ofMinutes(5)));
    assertThat(fleet.status().incidents()).isEmpty();

    clock.add(Duration.ofMinutes(5));
    fleet.afterTicks(2).get(30, TimeUnit.SECONDS);
    assertThat(fleet.status().incidents()).singleElement().satisfies(i -> {
      assertThat(i.kind()).isEqualTo(IncidentKind.ERROR_BURST);
      assertThat(i.service()).isEqualTo("checkout");
      assertThat(i.startedAt()).isEqualTo(PEAK.plus(Duration.ofMinutes(5)));
    });

    clock.add(Duration.ofMinutes(10)); // 15 minutes: the burst is over; one instance misbehaves alone
    fleet.afterTicks(2).get(30, TimeUnit.SECONDS);
    DemoStatus.Incident odd = fleet.status().incidents().stream().filter(i -> i.kind()
        == IncidentKind.MISBEHAVING_INSTANCE).findFirst().orElseThrow();
    assertThat(fleet.status().instanceIds(odd.service())).contains(odd.instance());
    assertThat(odd.detail()).isEqualTo("15% 5xx");
    assertThat(fleet.status().incidents()).extracting(DemoStatus.Incident::kind)
        .doesNotContain(IncidentKind.ERROR_BURST);

    clock.add(Duration.ofMinutes(20)); // 35 minutes: the next scheduled incident, a regression on the next service
    fleet.afterTicks(2).get(30, TimeUnit.SECONDS);
    assertThat(fleet.status().incidents()).extracting(DemoStatus.Incident::kind, DemoStatus.Incident::service)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(IncidentKind.LATENCY_REGRESSION, "search"));
  }

  @Test
  void scheduledTroubleIsOffWithoutChurn() throws Exception {
    DemoFleet fleet = start(quick());
    clock.add(Duration.ofMinutes(40));
    fleet.afterTicks(2).get(30, TimeUnit.SECONDS);
    assertThat(fleet.status().incidents()).isEmpty();
  }

  @Test
  void latencyRegressionRollsOutASlowerVersionAndRollsItBack() throws Exception {
    DemoFleet fleet = start(quick().withIncidentDuration(Duration.ofMinutes(5)));
    receiver.await("every instance", ps -> allSeen(ps, fleet.status()));

    fleet.startIncident(IncidentKind.LATENCY_REGRESSION, "checkout");
    DemoStatus during = fleet.status();
    assertThat(during.incidents()).singleElement()
        .satisfies(i -> assertThat(i.version()).isEqualTo("2.3.2"));
    assertThat(during.instances()).filteredOn(i -> i.version().equals("2.3.2")).hasSize(1);
    int mark = receiver.size();

    List<Push> pushes = receiver.await("100 requests of each checkout version", ps ->
        latest(ps, mark, "2.3.2").stream().mapToLong(DemoFleetTest::requests).sum() >= 100
            && latest(ps, mark, "2.3.1").stream().mapToLong(DemoFleetTest::requests).sum() >= 100);
    assertThat(meanMillis(latest(pushes, mark, "2.3.2")))
        .isGreaterThan(2 * meanMillis(latest(pushes, mark, "2.3.1")));

    clock.add(Duration.ofMinutes(6));
    Set<String> known = Set.copyOf(during.instanceIds());
    receiver.await("a rolled-back instance", ps -> ps.stream().skip(mark)
        .anyMatch(p -> !known.contains(p.instance()) && p.version().equals("2.3.1")));
    DemoStatus after = fleet.status();
    assertThat(after.incidents()).isEmpty();
    assertThat(after.instances()).extracting(DemoStatus.Instance::version).doesNotContain("2.3.2");
    assertThat(after.replacements()).isEqualTo(2);
  }

  private static List<Push> latest(List<Push> pushes, int from, String version) {
    return List.copyOf(pushes.stream().skip(from)
        .filter(p -> p.service().equals("checkout") && p.version().equals(version))
        .collect(Collectors.toMap(Push::instance, p -> p, (a, b) -> b)).values());
  }

  private static double meanMillis(List<Push> pushes) {
    double sum = 0;
    long count = 0;
    for (Push p : pushes) {
      for (HistogramDataPoint d : requestPoints(p)) {
        sum += d.getSum();
        count += d.getCount();
      }
    }
    return sum / count;
  }

  @Test
  void theSameSeedGivesTheSameFleet() {
    List<String> a = start(quick()).status().instanceIds();
    List<String> b = start(quick()).status().instanceIds();
    List<String> c = start(quick().withSeed(8)).status().instanceIds();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void aLargeFleetRunsOnThreeThreads() throws Exception {
    DemoFleet fleet = start(quick().withServices(List.of("checkout", "search", "accounts", "billing", "media"))
        .withInstancesPerService(10).withStep(Duration.ofSeconds(1)));
    assertThat(fleet.status().instanceIds()).hasSize(50);
    receiver.await("all fifty instances", ps -> allSeen(ps, fleet.status()));

    Set<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .collect(Collectors.toSet());
    assertThat(names).filteredOn(n -> n.startsWith("glasshouse-demo")).hasSize(3);
    assertThat(names).noneMatch(n -> n.contains("otlp"));
  }

  @Test
  void ingestTokenIsSentAsABearerToken() throws Exception {
    start(quick().withIngestToken("demo-token"));
    List<Push> pushes = receiver.await("a push", ps -> !ps.isEmpty());
    assertThat(pushes.get(0).authorization()).isEqualTo("Bearer demo-token");
  }

  @Test
  void invalidConfigurationOrUrlIsRefusedBeforeAnythingStarts() {
    assertThatThrownBy(() -> DemoFleet.start(receiver.url(), clock, quick().withInstancesPerService(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("demo.instances-per-service");
    assertThatThrownBy(() -> DemoFleet.start(URI.create("/v1/metrics"), clock, quick()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s)");
  }
}
