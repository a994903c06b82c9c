package io.glasshouse.statuspage.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  static final String SECRET = "whsec_0123456789abcdef";
  static final Instant T = Instant.parse("2026-05-01T12:00:00Z");
  static final byte[] BODY = "{\"incident\":{\"id\":\"inc1\"}}".getBytes(StandardCharsets.UTF_8);
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void headerIsTimestampAndHexHmacOfTimestampDotBody() throws Exception {
    String header = WebhookSignature.sign(SECRET, T, BODY);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((T.getEpochSecond() + ".").getBytes(StandardCharsets.UTF_8));
    String expected = java.util.HexFormat.of().formatHex(mac.doFinal(BODY));
    assertThat(header).isEqualTo("t=" + T.getEpochSecond() + ",v1=" + expected);
  }

  @Test
  void signedBodyVerifiesWithinTheTolerance() {
    String header = WebhookSignature.sign(SECRET, T, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, T, TOLERANCE)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, T.plus(TOLERANCE), TOLERANCE)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, T.minus(Duration.ofMinutes(4)), TOLERANCE)).isTrue();
  }

  @Test
  void tamperedBodyFailsVerification() {
    String header = WebhookSignature.sign(SECRET, T, BODY);
    byte[] tampered = "{\"incident\":{\"id\":\"inc2\"}}".getBytes(StandardCharsets.UTF_8);
    assertThat(WebhookSignature.verify(SECRET, header, tampered, T, TOLERANCE)).isFalse();
  }

  @Test
  void replayOutsideTheToleranceFailsVerification() {
    String header = WebhookSignature.sign(SECRET, T, BODY);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, T.plus(TOLERANCE).plusSeconds(1), TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, header, BODY, T.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
        .isFalse();
  }

  @Test
  void changedTimestampWrongSecretOrMalformedHeaderFailVerification() {
    String header = WebhookSignature.sign(SECRET, T, BODY);
    String shifted = header.replace("t=" + T.getEpochSecond(), "t=" + (T.getEpochSecond() + 60));
    assertThat(WebhookSignature.verify(SECRET, shifted, BODY, T, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify("whsec_other", header, BODY, T, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, null, BODY, T, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY, T, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=x,v1=abc", BODY, T, TOLERANCE)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "t=" + T.getEpochSecond(), BODY, T, TOLERANCE)).isFalse();
  }

  @Test
  void anyOfSeveralV1SignaturesMayMatch() {
    String header = WebhookSignature.sign(SECRET, T, BODY);
    String v1 = header.substring(header.indexOf("v1="));
    String rotated = "t=" + T.getEpochSecond() + ",v1=00ff," + v1;
    assertThat(WebhookSignature.verify(SECRET, rotated, BODY, T, TOLERANCE)).isTrue();
  }
}
