package io.glasshouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** GLASSHOUSE_* variables reach every section, also those whose name has a dash. */
class EnvironmentOverridesTest {
  @Test
  void aSectionWithADashInItsNameIsReachedFromTheEnvironment() {
    GlasshouseConfig config = GlasshouseConfig.load(null,
        Map.of("GLASSHOUSE_STATUS_PAGE_NAME", "Acme status", "GLASSHOUSE_STATUS_PAGE_ROOT_REDIRECT", "true"));
    assertThat(config.section("status-page").getValue("name")).isEqualTo("Acme status");
    assertThat(config.section("status-page").getValue("root-redirect").toString()).isEqualTo("true");
  }

  @Test
  void aKeyWithUnderscoresStillBecomesDashes() {
    GlasshouseConfig config = GlasshouseConfig.load(null, Map.of("GLASSHOUSE_SERVER_DRAIN_DELAY", "2s"));
    assertThat(config.section("server").getValue("drain-delay")).isEqualTo("2s");
  }

  @Test
  void anUnknownSectionIsRefusedNamingIt() {
    assertThatThrownBy(() -> GlasshouseConfig.load(null, Map.of("GLASSHOUSE_NOPE_KEY", "1")))
        .hasMessageContaining("unknown configuration section 'nope'");
  }
}
