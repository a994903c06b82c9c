package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.SloSettings;
import io.glasshouse.demo.DemoConfig;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * --demo defines components so the status page has content: public ones and a private one, in groups, each driven
 * by demo services (liveness) and demo SLOs that exist.
 */
class DemoComponentsTest {
  @Test
  void demoDefinesPublicAndPrivateComponentsInGroupsDrivenByItsServicesAndSlos() {
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    DemoHook.applyDefaults(c);
    List<ComponentDefinition> components = StatusConfig.fromJson(c.section("components")).components();
    Set<String> slos = SloSettings.fromConfig(c).definitions().stream().map(SloDefinition::name)
        .collect(Collectors.toSet());
    Set<String> services = Set.copyOf(DemoConfig.fromJson(c.section("demo")).services());
    assertThat(components).hasSizeGreaterThanOrEqualTo(3);
    assertThat(components).anySatisfy(x -> assertThat(x.isPublic()).isTrue());
    assertThat(components).anySatisfy(x -> assertThat(x.isPublic()).isFalse());
    assertThat(components.stream().map(ComponentDefinition::group).distinct().count()).isGreaterThan(1);
    for (ComponentDefinition x : components) {
      assertThat(x.services()).as(x.id()).isNotEmpty().allSatisfy(s -> assertThat(services).contains(s));
      assertThat(x.slos()).as(x.id()).isNotEmpty().allSatisfy(s -> assertThat(slos).contains(s));
    }
  }

  @Test
  void aFileWithItsOwnComponentsOrItsOwnServicesKeepsThem() {
    GlasshouseConfig own = GlasshouseConfig.load(null, Map.of());
    own.override("components", "items", new JsonArray());
    DemoHook.applyDefaults(own);
    assertThat(StatusConfig.fromJson(own.section("components")).components()).isEmpty();
    GlasshouseConfig otherFleet = GlasshouseConfig.load(null, Map.of());
    otherFleet.override("demo", "services", new JsonArray().add("billing"));
    DemoHook.applyDefaults(otherFleet);
    assertThat(StatusConfig.fromJson(otherFleet.section("components")).components()).isEmpty();
  }
}
