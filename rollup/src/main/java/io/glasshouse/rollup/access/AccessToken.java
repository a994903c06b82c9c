package io.glasshouse.rollup.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One configured bearer token.
 *
 * @param name   shown in logs and the audit trail instead of the secret; unique
 * @param secret the token itself; never logged ({@link #toString()} leaves it out)
 * @param scopes what it allows; not empty
 */
public record AccessToken(String name, String secret, Set<Scope> scopes) {
  public AccessToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secret, "secret");
    if (scopes == null || scopes.isEmpty()) {
      throw new IllegalArgumentException("token '" + name + "' needs at least one scope");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** Whether this token allows {@code scope}. */
  public boolean allows(Scope scope) {
    return scopes.contains(scope);
  }

  @Override
  public String toString() {
    return "AccessToken[name=" + name + ", scopes=" + scopes + "]";
  }
}
