package io.glasshouse.statuspage.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The staff-token check the capacity report uses ({@code server.staff-tokens}, {@code Authorization: Bearer}),
 * as an {@link AdminCheck}: tokens are compared as SHA-256 digests in constant time; the actor recorded is
 * {@code staff token <first 8 hex digits of its SHA-256>}, never the token. With no tokens configured every change
 * is refused (403).
 */
public final class StaffTokenCheck implements AdminCheck {
  private final List<byte[]> digests;

  private StaffTokenCheck(Set<String> tokens) {
    this.digests = tokens.stream().filter(t -> t != null && !t.isEmpty()).map(StaffTokenCheck::digest).toList();
  }

  public static StaffTokenCheck of(Set<String> staffTokens) {
    return new StaffTokenCheck(Set.copyOf(staffTokens));
  }

  @Override
  public Optional<String> authorise(RoutingContext ctx) {
    if (digests.isEmpty()) {
      answer(ctx, 403, "/problems/staff-tokens-not-configured", "Changes disabled", "Changing a component's status "
          + "needs a staff token, and none is configured: set server.staff-tokens (or GLASSHOUSE_SERVER_STAFF_TOKENS)"
          + " and restart.");
      return Optional.empty();
    }
    String auth = ctx.request().getHeader("authorization");
    String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    if (presented != null && !presented.isEmpty()) {
      byte[] d = digest(presented);
      boolean ok = false;
      for (byte[] t : digests) {
        ok |= MessageDigest.isEqual(d, t);
      }
      if (ok) {
        return Optional.of("staff token " + HexFormat.of().formatHex(d, 0, 4));
      }
    }
    ctx.response().putHeader("www-authenticate", "Bearer realm=\"glasshouse-staff\"");
    answer(ctx, 401, "/problems/unauthorized", "Staff token required", presented == null
        ? "Send 'Authorization: Bearer <staff token>' (one of server.staff-tokens)."
        : "The token presented is not one of server.staff-tokens.");
    return Optional.empty();
  }

  private static void answer(RoutingContext ctx, int status, String type, String title, String detail) {
    ctx.response().setStatusCode(status).putHeader("content-type", Problems.MEDIA_TYPE)
        .end(new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail)
            .put("instance", ctx.request().path()).encode());
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
