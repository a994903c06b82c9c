package io.glasshouse.statuspage.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on every webhook delivery, and how a receiver checks it.
 *
 * <p>Header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex>}, where {@code <hex>} is the lower-case hex of
 * HMAC-SHA256 keyed with the subscription's signing secret (its UTF-8 bytes) over the UTF-8 bytes of
 * {@code t + "." } followed by the raw request body, exactly as received. To check a delivery, a receiver:
 * <ol>
 *   <li>reads the raw body before parsing it (re-encoding JSON changes the bytes);
 *   <li>takes {@code t} and every {@code v1} from the header (there may be more than one {@code v1});
 *   <li>computes the HMAC above with its secret and compares it with each {@code v1} in constant time;
 *   <li>rejects the delivery when {@code t} is further than its tolerance (we suggest 5 minutes) from its own
 *       clock, so a captured delivery cannot be replayed later.
 * </ol>
 * {@link #verify} does all of that; receivers in other languages do the same few lines.
 */
public final class WebhookSignature {
  /** The header carrying the signature. */
  public static final String HEADER = "Glasshouse-Signature";
  /** A sensible replay window for receivers. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {
  }

  /** The header value for {@code body} sent at {@code at}, signed with {@code secret}. */
  public static String sign(String secret, Instant at, byte[] body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
  }

  /**
   * True when {@code header} carries a {@code v1} signature of {@code body} made with {@code secret}, and its
   * timestamp is within {@code tolerance} of {@code now} (either way). False for a missing or malformed header, a
   * tampered body, another secret, or a timestamp outside the tolerance (a replay).
   */
  public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
    if (secret == null || header == null || body == null) {
      return false;
    }
    Long t = null;
    java.util.List<String> signatures = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return false;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        try {
          t = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (key.equals("v1")) {
        signatures.add(value);
      }
    }
    if (t == null || signatures.isEmpty()) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
      return false;
    }
    byte[] expected = HexFormat.of().formatHex(hmac(secret, t, body)).getBytes(StandardCharsets.US_ASCII);
    boolean ok = false;
    for (String s : signatures) {
      ok |= MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII));
    }
    return ok;
  }

  private static byte[] hmac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
