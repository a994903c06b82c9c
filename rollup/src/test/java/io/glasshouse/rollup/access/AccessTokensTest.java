package io.glasshouse.rollup.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  static final AccessToken FLEET = new AccessToken("fleet", "fleet-secret", Set.of(Scope.INGEST));
  static final AccessToken FLEET2 = new AccessToken("fleet-2", "fleet-secret-2", Set.of(Scope.INGEST));
  static final AccessToken OPS = new AccessToken("ops", "ops-secret", Set.of(Scope.READ, Scope.ADMIN));
  static final AccessToken DASH = new AccessToken("dash", "dash-secret", Set.of(Scope.READ));

  final AccessTokens tokens = AccessTokens.of(List.of(FLEET, OPS, DASH, FLEET2), Set.of());

  @Test
  void aTokenIsGrantedExactlyItsScopesAndNamedNeverShownBySecret() {
    assertThat(tokens.check("Bearer ops-secret", Scope.ADMIN)).isEqualTo(new Grant(Grant.Outcome.GRANTED, "ops", 0));
    assertThat(tokens.check("bearer  dash-secret ", Scope.READ).tokenName()).isEqualTo("dash");
    assertThat(tokens.check("Bearer dash-secret", Scope.ADMIN).outcome()).isEqualTo(Grant.Outcome.REFUSED);
    assertThat(tokens.check("Bearer fleet-secret", Scope.ADMIN).outcome()).isEqualTo(Grant.Outcome.REFUSED);
    assertThat(tokens.check("Bearer fleet-secret", Scope.READ).outcome()).isEqualTo(Grant.Outcome.REFUSED);
    assertThat(tokens.toString()).doesNotContain("secret").contains("ops");
    assertThat(OPS.toString()).doesNotContain("ops-secret");
  }

  @Test
  void unknownTokenAndTokenWithoutTheScopeAreRefusedAlike() {
    Grant unknown = tokens.check("Bearer nobody-knows", Scope.ADMIN);
    Grant lacking = tokens.check("Bearer dash-secret", Scope.ADMIN);
    assertThat(unknown).isEqualTo(lacking);
    assertThat(tokens.check(null, Scope.ADMIN).outcome()).isEqualTo(Grant.Outcome.MISSING);
    assertThat(tokens.check("Basic b3BzOm9wcw==", Scope.ADMIN).outcome()).isEqualTo(Grant.Outcome.REFUSED);
  }

  @Test
  void eachIngestTokenIsItsOwnClientForFairness() {
    assertThat(tokens.check("Bearer fleet-secret", Scope.INGEST).client()).isEqualTo(0);
    assertThat(tokens.check("Bearer fleet-secret-2", Scope.INGEST).client()).isEqualTo(1);
    assertThat(tokens.count(Scope.INGEST)).isEqualTo(2);
    assertThat(tokens.names(Scope.READ)).containsExactly("ops", "dash");
  }

  @Test
  void anOpenScopeAdmitsEveryoneAndNamesKnownTokens() {
    AccessTokens open = AccessTokens.of(List.of(OPS), Set.of(Scope.READ, Scope.INGEST));
    assertThat(open.check(null, Scope.READ)).isEqualTo(new Grant(Grant.Outcome.GRANTED, "anonymous", 0));
    assertThat(open.check("Bearer wrong", Scope.INGEST).granted()).isTrue();
    assertThat(open.check("Bearer ops-secret", Scope.READ).tokenName()).isEqualTo("ops");
    assertThat(open.closed().check(null, Scope.READ).outcome()).isEqualTo(Grant.Outcome.MISSING);
  }

  @Test
  void aScopeNoTokenCarriesIsDisabled() {
    AccessTokens onlyIngest = AccessTokens.of(List.of(FLEET), Set.of());
    assertThat(onlyIngest.check("Bearer fleet-secret", Scope.ADMIN).outcome()).isEqualTo(Grant.Outcome.DISABLED);
    assertThat(onlyIngest.check(null, Scope.READ).outcome()).isEqualTo(Grant.Outcome.DISABLED);
  }

  @Test
  void adminCanNeverBeOpened() {
    assertThatThrownBy(() -> AccessTokens.none(Set.of(Scope.ADMIN))).hasMessageContaining("admin");
  }

  @Test
  void duplicateNamesOrSecretsAreRefusedWithoutShowingTheSecret() {
    assertThatThrownBy(() -> AccessTokens.of(List.of(OPS, new AccessToken("ops", "other", Set.of(Scope.READ))),
        Set.of())).hasMessageContaining("'ops'");
    assertThatThrownBy(() -> AccessTokens.of(List.of(OPS, new AccessToken("twin", "ops-secret", Set.of(Scope.READ))),
        Set.of())).hasMessageContaining("'twin'").hasMessageNotContaining("ops-secret");
    assertThatThrownBy(() -> AccessTokens.of(List.of(new AccessToken("sp", "with space", Set.of(Scope.READ))),
        Set.of())).hasMessageNotContaining("with space");
  }

  @Test
  void olderKeysMapToNamedTokens() {
    assertThat(AccessTokens.named("staff", List.of("a", " ", "b"), Set.of(Scope.READ)))
        .extracting(AccessToken::name).containsExactly("staff-1", "staff-2");
  }
}
