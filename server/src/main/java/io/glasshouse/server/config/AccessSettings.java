package io.glasshouse.server.config;

import io.glasshouse.rollup.access.AccessToken;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what: the server's one token set, from {@code server.tokens}, {@code server.open-read} and the older
 * keys, which keep working.
 *
 * <pre>
 * server:
 *   tokens:
 *     - {name: fleet, token: "…", scopes: [ingest]}
 *     - {name: ops, token: "…", scopes: [read, admin]}
 *     - "dashboards:…:read"          # the same as a string, name:token:scope+scope (what GLASSHOUSE_SERVER_TOKENS
 *                                     # takes, comma-separated)
 *   open-read: false                 # true: the read API and /api/v1/capacity need no token
 * collector:
 *   ingest-tokens: ["…"]             # older key: tokens ingest-1, ingest-2, … with scope ingest
 * server:
 *   staff-tokens: ["…"]              # older key: tokens staff-1, staff-2, … with scopes read and admin
 * </pre>
 *
 * <p>Rules: {@code ingest} is open while no token carries it (as before: a warning is logged); {@code read} is open
 * only when {@code server.open-read} is true, or when {@code --demo} listens on a loopback address only and the
 * key is not set; {@code admin} is never open.
 */
public final class AccessSettings {
  private AccessSettings() {
  }

  /** What {@link #of} decided, with the sentence the start-up log says about it. */
  public record Access(AccessTokens tokens, String summary) {
  }

  /**
   * The token set for this server.
   *
   * @throws IllegalArgumentException naming the key at fault ({@code server.tokens[1].scopes}, …), never a secret
   */
  public static Access of(JsonObject server, Set<String> ingestTokens, Set<String> staffTokens, String host,
      boolean demo) {
    List<AccessToken> tokens = new ArrayList<>(tokens(server.getValue("tokens")));
    tokens.addAll(AccessTokens.named("staff", staffTokens, Set.of(Scope.READ, Scope.ADMIN)));
    tokens.addAll(AccessTokens.named("ingest", ingestTokens, Set.of(Scope.INGEST)));
    Object openRead = server.getValue("open-read");
    if (openRead != null && !(openRead instanceof Boolean) && !"true".equals(openRead) && !"false".equals(openRead)) {
      throw new IllegalArgumentException("server.open-read must be true or false, got " + openRead);
    }
    boolean loopbackDemo = demo && openRead == null && loopback(host);
    boolean read = openRead == null ? loopbackDemo : Boolean.parseBoolean(String.valueOf(openRead));
    Set<Scope> open = EnumSet.noneOf(Scope.class);
    if (tokens.stream().noneMatch(t -> t.allows(Scope.INGEST))) {
      open.add(Scope.INGEST);
    }
    if (read) {
      open.add(Scope.READ);
    }
    AccessTokens set;
    try {
      set = AccessTokens.of(tokens, open);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("server.tokens: " + e.getMessage());
    }
    String summary = "read API and /api/v1/capacity " + (read ? "open (" + (loopbackDemo
        ? "--demo on the loopback-only listener " + host + "; set server.open-read: false to close them"
        : "server.open-read: true") + ")" : "need a token with the read scope") + "; ingest "
        + (open.contains(Scope.INGEST) ? "open" : "needs the ingest scope") + "; config API "
        + (set.count(Scope.ADMIN) == 0 ? "off (no token has the admin scope)" : "needs the admin scope")
        + "; tokens: " + set.tokens().stream().map(t -> t.name() + scopes(t.scopes())).toList();
    return new Access(set, summary);
  }

  static boolean loopback(String host) {
    return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
        || host.equals("[::1]"));
  }

  private static String scopes(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::key).toList().toString();
  }

  private static List<AccessToken> tokens(Object v) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException("server.tokens must be a list of {name, token, scopes}");
    }
    List<AccessToken> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(token(a.getValue(i), "server.tokens[" + i + "]"));
    }
    return out;
  }

  private static AccessToken token(Object o, String key) {
    String name;
    String secret;
    Set<Scope> scopes = new LinkedHashSet<>();
    if (o instanceof String s) {
      int first = s.indexOf(':');
      int last = s.lastIndexOf(':');
      if (first <= 0 || last == first || last == s.length() - 1) {
        throw new IllegalArgumentException(key + " must be name:token:scope+scope (e.g. fleet:…:ingest) or a "
            + "mapping {name, token, scopes}");
      }
      name = s.substring(0, first);
      secret = s.substring(first + 1, last);
      for (String sc : s.substring(last + 1).split("\\+")) {
        scopes.add(scope(sc, key + ".scopes"));
      }
    } else {
      JsonObject t = o instanceof JsonObject j ? j : o instanceof Map<?, ?> m ? JsonObject.mapFrom(m) : null;
      if (t == null) {
        throw new IllegalArgumentException(key + " must be a mapping {name, token, scopes}");
      }
      for (String k : t.fieldNames()) {
        if (!Set.of("name", "token", "scopes").contains(k)) {
          throw new IllegalArgumentException(key + "." + k + " is not a known key; known keys: name, scopes, token");
        }
      }
      name = t.getValue("name") instanceof String n && !n.isBlank() ? n : null;
      if (name == null) {
        throw new IllegalArgumentException(key + ".name is required: it names the token in logs and the audit "
            + "trail");
      }
      secret = t.getValue("token") instanceof String sec && !sec.isBlank() ? sec : null;
      if (secret == null) {
        throw new IllegalArgumentException(key + ".token is required (a string)");
      }
      Object sv = t.getValue("scopes");
      if (!(sv instanceof JsonArray arr) || arr.isEmpty()) {
        throw new IllegalArgumentException(key + ".scopes must be a non-empty list of ingest, read, admin");
      }
      for (Object sc : arr) {
        scopes.add(scope(String.valueOf(sc), key + ".scopes"));
      }
    }
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(key + ".name may use only letters, digits, '.', '_' and '-'");
    }
    return new AccessToken(name, secret, scopes);
  }

  private static Scope scope(String s, String key) {
    return Scope.of(s).orElseThrow(() -> new IllegalArgumentException(key + ": unknown scope '" + s
        + "'; scopes are ingest, read, admin"));
  }
}
