package io.glasshouse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.access.AccessToken;
import io.glasshouse.rollup.access.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {
  static JsonObject server(Map<String, String> env) {
    return GlasshouseConfig.load(null, env).section("server");
  }

  @Test
  void tokensComeFromTheFileTheEnvironmentAndTheOlderKeys() {
    JsonObject s = server(Map.of("GLASSHOUSE_SERVER_TOKENS", "ops:s3:cret:read+admin,fleet:t0k:ingest"));
    AccessSettings.Access a = AccessSettings.of(s, Set.of("old-ingest"), Set.of("old-staff"), "0.0.0.0", false);

    assertThat(a.tokens().tokens()).extracting(AccessToken::name)
        .containsExactly("ops", "fleet", "staff-1", "ingest-1");
    assertThat(a.tokens().check("Bearer s3:cret", Scope.ADMIN).tokenName()).isEqualTo("ops");
    assertThat(a.tokens().check("Bearer old-staff", Scope.ADMIN).tokenName()).isEqualTo("staff-1");
    assertThat(a.tokens().check("Bearer old-staff", Scope.READ).granted()).isTrue();
    assertThat(a.tokens().check("Bearer old-ingest", Scope.INGEST).tokenName()).isEqualTo("ingest-1");
    assertThat(a.tokens().isOpen(Scope.READ)).isFalse();
    assertThat(a.tokens().isOpen(Scope.INGEST)).isFalse();
    assertThat(a.summary()).contains("ops[read, admin]").doesNotContain("s3:cret").doesNotContain("old-staff");
  }

  @Test
  void readIsOpenOnlyWhenConfiguredOrForADemoOnLoopback() {
    JsonObject none = new JsonObject();
    assertThat(AccessSettings.of(none, Set.of(), Set.of(), "0.0.0.0", true).tokens().isOpen(Scope.READ)).isFalse();
    AccessSettings.Access demo = AccessSettings.of(none, Set.of(), Set.of(), "127.0.0.1", true);
    assertThat(demo.tokens().isOpen(Scope.READ)).isTrue();
    assertThat(demo.summary()).contains("open (--demo on the loopback-only listener 127.0.0.1");
    assertThat(AccessSettings.of(none, Set.of(), Set.of(), "127.0.0.1", false).tokens().isOpen(Scope.READ)).isFalse();
    assertThat(AccessSettings.of(new JsonObject().put("open-read", false), Set.of(), Set.of(), "127.0.0.1", true)
        .tokens().isOpen(Scope.READ)).isFalse();
    assertThat(AccessSettings.of(server(Map.of("GLASSHOUSE_SERVER_OPEN_READ", "true")), Set.of(), Set.of(),
        "0.0.0.0", false).tokens().isOpen(Scope.READ)).isTrue();
    assertThat(AccessSettings.of(none, Set.of(), Set.of(), "0.0.0.0", false).tokens().isOpen(Scope.INGEST)).isTrue();
  }

  @Test
  void badTokenEntriesNameTheKeyAndNeverTheSecret() {
    assertThatThrownBy(() -> AccessSettings.of(new JsonObject().put("tokens", new JsonArray()
        .add(new JsonObject().put("name", "ops").put("token", "hunter22").put("scopes", new JsonArray().add("root")))),
        Set.of(), Set.of(), "0.0.0.0", false))
        .hasMessageContaining("server.tokens[0].scopes").hasMessageContaining("root")
        .hasMessageNotContaining("hunter22");
    assertThatThrownBy(() -> AccessSettings.of(new JsonObject().put("tokens", new JsonArray().add("nocolons")),
        Set.of(), Set.of(), "0.0.0.0", false)).hasMessageContaining("server.tokens[0]")
        .hasMessageNotContaining("nocolons");
    assertThatThrownBy(() -> AccessSettings.of(new JsonObject().put("tokens", new JsonArray()
        .add(new JsonObject().put("token", "hunter22").put("scopes", new JsonArray().add("read")))),
        Set.of(), Set.of(), "0.0.0.0", false)).hasMessageContaining("server.tokens[0].name")
        .hasMessageNotContaining("hunter22");
    assertThatThrownBy(() -> AccessSettings.of(new JsonObject().put("open-read", "maybe"), Set.of(), Set.of(),
        "0.0.0.0", false)).hasMessageContaining("server.open-read");
    assertThatThrownBy(() -> AccessSettings.of(new JsonObject(), Set.of("same"), Set.of("same"), "0.0.0.0", false))
        .hasMessageContaining("server.tokens").hasMessageNotContaining("same'");
  }
}
