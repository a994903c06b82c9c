package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.InstanceInfo;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #7: liveness from {@code up}, versions from a source meant for them. */
class InstanceSightingsTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000));
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  private static Labels of(String instance, String... more) {
    Labels l = Labels.of("service", "node", "instance", instance);
    for (int i = 0; i < more.length; i += 2) {
      l = l.with(more[i], more[i + 1]);
    }
    return l;
  }

  private void send(Sample... samples) {
    await(fx.engine.accept(Protocol.REMOTE_WRITE, List.of(samples), true));
  }

  @Test
  void aDownTargetsUpZeroAndScrapeSeriesDoNotMakeItAnInstance() {
    long t = T0.toEpochMilli();
    send(Sample.gauge("up", of("down:9100"), t, 0),
        Sample.gauge("scrape_duration_seconds", of("down:9100"), t, 0.001),
        Sample.gauge("scrape_samples_scraped", of("down:9100"), t, 0),
        Sample.gauge("up", of("ok:9100"), t, 1),
        Sample.gauge("node_load1", of("ok:9100"), t, 0.5));

    assertThat(await(fx.engine.instances("node"))).extracting(InstanceInfo::instance).containsExactly("ok:9100");
  }

  @Test
  void upZeroEndsLivenessAtOnceUnlessALaterSightingArrivedFirst() {
    long t = T0.toEpochMilli();
    send(Sample.gauge("node_load1", of("a:9100"), t, 0.5), Sample.gauge("node_load1", of("b:9100"), t, 0.5));
    fx.clock.add(java.time.Duration.ofSeconds(15));
    // a: its scrape failed (or it left discovery); b: an up 0 older than its last sighting changes nothing
    send(Sample.gauge("up", of("a:9100"), t + 15_000, 0), Sample.gauge("node_load1", of("b:9100"), t + 15_000, 1),
        Sample.gauge("up", of("b:9100"), t + 5_000, 0));
    assertThat(await(fx.engine.instances("node"))).extracting(InstanceInfo::instance, InstanceInfo::live)
        .containsExactlyInAnyOrder(tuple("a:9100", false), tuple("b:9100", true));

    fx.clock.add(java.time.Duration.ofSeconds(15));
    send(Sample.gauge("node_load1", of("a:9100"), t + 30_000, 0.7));
    assertThat(await(fx.engine.instances("node"))).extracting(InstanceInfo::instance, InstanceInfo::live)
        .containsExactlyInAnyOrder(tuple("a:9100", true), tuple("b:9100", true));
  }

  @Test
  void configuredVersionMetricsReplaceTheDefaults() {
    fx.stop();
    fx = new EngineFixture(vertx, dir.resolve("custom"), EngineFixture.config(1000).withVersionSources(
        RollupConfig.fromJson(new io.vertx.core.json.JsonObject().put("version-metrics",
            new io.vertx.core.json.JsonArray().add("app_version_info").add("*_release"))).versionSources()));
    fx.start();
    long t = T0.toEpochMilli();
    send(Sample.gauge("app_version_info", of("a", "version", "3.1"), t, 1),
        Sample.gauge("node_exporter_build_info", of("b", "version", "1.5.0"), t, 1),
        Sample.gauge("payments_release", of("c", "version", "r42"), t, 1));

    assertThat(await(fx.engine.instances("node"))).extracting(InstanceInfo::instance, InstanceInfo::version)
        .containsExactlyInAnyOrder(tuple("a", "3.1"), tuple("b", null), tuple("c", "r42"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollupConfig.fromJson(new io.vertx.core.json.JsonObject()
        .put("version-metrics", new io.vertx.core.json.JsonArray().add("build info"))))
        .hasMessageContaining("rollup.version-metrics: 'build info' is not a metric name");
  }

  @Test
  void versionComesFromInfoMetricsOrServiceVersionNeverFromAnyVersionLabel() {
    long t = T0.toEpochMilli();
    send(Sample.gauge("node_os_info", of("a", "version", "12 (bookworm)"), t, 1),
        Sample.gauge("node_uname_info", of("a", "version", "#1 SMP PREEMPT_DYNAMIC"), t, 1),
        Sample.gauge("node_exporter_build_info", of("a", "version", "1.5.0"), t, 1),
        Sample.gauge("node_os_info", of("a", "version", "12 (bookworm)"), t + 1000, 1),
        Sample.gauge("jvm_threads", of("b", "service_version", "2.4.1"), t, 10),
        Sample.gauge("node_os_info", of("c", "version", "12 (bookworm)"), t, 1));

    assertThat(await(fx.engine.instances("node"))).extracting(InstanceInfo::instance, InstanceInfo::version)
        .containsExactlyInAnyOrder(tuple("a", "1.5.0"), tuple("b", "2.4.1"), tuple("c", null));
  }

  @Test
  void otlpAndJsonBatchesGiveTheVersionLabelAsTheInstancesVersionRemoteWriteDoesNot() {
    long t = T0.toEpochMilli();
    await(fx.engine.accept(Protocol.OTLP, List.of(
        Sample.gauge("process_cpu_usage", of("otlp-1", "version", "2.3.1"), t, 0.2)), false));
    await(fx.engine.accept(Protocol.JSON, List.of(
        Sample.gauge("process_cpu_usage", of("json-1", "version", "2.3.0"), t, 0.2)), true));
    send(Sample.gauge("http_clients", of("rw-1", "version", "HTTP/1.1"), t, 3),
        Sample.gauge("go_info", of("rw-1", "version", "go1.21"), t, 1));

    assertThat(await(fx.engine.instances("node"))).extracting(InstanceInfo::instance, InstanceInfo::version)
        .containsExactlyInAnyOrder(tuple("otlp-1", "2.3.1"), tuple("json-1", "2.3.0"), tuple("rw-1", null));
  }
}
