package io.glasshouse.rollup.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured tokens and which scopes are open (need no token): the one check every endpoint uses.
 *
 * <p>Constant time: the presented token is hashed (SHA-256) and compared with every configured token's digest by
 * {@link MessageDigest#isEqual}, always all of them, so neither the position of a mismatch, the token's length nor
 * which token matched shows in the timing. Immutable and thread-safe.
 */
public final class AccessTokens {
  /** The name reported for requests admitted to an open scope without a known token. */
  public static final String ANONYMOUS = "anonymous";
  private static final String PREFIX = "Bearer ";

  private final List<AccessToken> tokens;
  private final List<byte[]> digests;
  private final Set<Scope> open;

  private AccessTokens(List<AccessToken> tokens, Set<Scope> open) {
    this.tokens = List.copyOf(tokens);
    this.digests = this.tokens.stream().map(t -> sha256(t.secret())).toList();
    this.open = open.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(open));
    if (this.open.contains(Scope.ADMIN)) {
      throw new IllegalArgumentException("the admin scope cannot be opened: changes always need an admin token");
    }
  }

  /**
   * Tokens with the given open scopes.
   *
   * @throws IllegalArgumentException when two tokens share a name or a secret, a secret is blank or not printable
   *     ASCII, or {@code open} contains {@link Scope#ADMIN}; the message names the token, never its secret
   */
  public static AccessTokens of(Collection<AccessToken> tokens, Set<Scope> open) {
    Set<String> names = new HashSet<>();
    Set<String> secrets = new HashSet<>();
    for (AccessToken t : tokens) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("token name '" + t.name() + "' is used twice; names must be unique");
      }
      if (t.secret().isBlank() || !t.secret().chars().allMatch(c -> c > 32 && c < 127)) {
        throw new IllegalArgumentException("token '" + t.name() + "' must be printable ASCII without spaces");
      }
      if (!secrets.add(t.secret())) {
        throw new IllegalArgumentException("token '" + t.name() + "' has the same secret as another token; give "
            + "each its own (merge their scopes instead)");
      }
    }
    return new AccessTokens(new ArrayList<>(tokens), open);
  }

  /**
   * Tokens for a list of bare secrets, as the older keys give them ({@code collector.ingest-tokens},
   * {@code server.staff-tokens}): named {@code prefix-1}, {@code prefix-2}, … in list order, each with
   * {@code scopes}. Blank entries are skipped.
   */
  public static List<AccessToken> named(String prefix, Collection<String> secrets, Set<Scope> scopes) {
    List<AccessToken> out = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && !s.isBlank()) {
        out.add(new AccessToken(prefix + "-" + (out.size() + 1), s, scopes));
      }
    }
    return out;
  }

  /** No tokens; {@code open} scopes are open, every other is disabled. */
  public static AccessTokens none(Set<Scope> open) {
    return new AccessTokens(List.of(), open);
  }

  /**
   * Checks an {@code Authorization} header value (may be null) for {@code scope}. An open scope grants every
   * request (named after the token when a known one carrying the scope is presented).
   */
  public Grant check(String authorization, Scope scope) {
    String presented = null;
    if (authorization != null && authorization.length() > PREFIX.length()
        && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      presented = authorization.substring(PREFIX.length()).trim();
    } else if (authorization != null && !authorization.isBlank()) {
      presented = "";
    }
    return checkToken(presented, scope);
  }

  /** As {@link #check}, for the bare token (e.g. from a {@code ?token=} parameter); null means none presented. */
  public Grant checkToken(String presented, Scope scope) {
    int found = -1;
    if (presented != null) {
      byte[] given = sha256(presented);
      for (int i = 0; i < digests.size(); i++) {
        found = MessageDigest.isEqual(digests.get(i), given) ? i : found;
      }
    }
    if (found >= 0 && tokens.get(found).allows(scope)) {
      return new Grant(Grant.Outcome.GRANTED, tokens.get(found).name(), clientIndex(found, scope));
    }
    if (open.contains(scope)) {
      return new Grant(Grant.Outcome.GRANTED, ANONYMOUS, 0);
    }
    if (count(scope) == 0) {
      return new Grant(Grant.Outcome.DISABLED, null, -1);
    }
    return new Grant(presented == null ? Grant.Outcome.MISSING : Grant.Outcome.REFUSED, null, -1);
  }

  private int clientIndex(int tokenIndex, Scope scope) {
    int n = 0;
    for (int i = 0; i < tokenIndex; i++) {
      n += tokens.get(i).allows(scope) ? 1 : 0;
    }
    return n;
  }

  /** The same tokens with every scope closed (for staff pages, which an open read API does not open). */
  public AccessTokens closed() {
    return open.isEmpty() ? this : new AccessTokens(tokens, Set.of());
  }

  /** Whether {@code scope} needs no token. */
  public boolean isOpen(Scope scope) {
    return open.contains(scope);
  }

  /** How many configured tokens carry {@code scope}. */
  public int count(Scope scope) {
    return (int) tokens.stream().filter(t -> t.allows(scope)).count();
  }

  /** Names of the tokens carrying {@code scope}, in configuration order (never the secrets). */
  public List<String> names(Scope scope) {
    return tokens.stream().filter(t -> t.allows(scope)).map(AccessToken::name).toList();
  }

  /** The configured tokens, in order (for wiring only: their secrets must not be logged). */
  public List<AccessToken> tokens() {
    return tokens;
  }

  @Override
  public String toString() {
    return "AccessTokens" + tokens + ", open=" + open;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
