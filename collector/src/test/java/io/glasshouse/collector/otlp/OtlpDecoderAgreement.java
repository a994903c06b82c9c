package io.glasshouse.collector.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import java.util.HexFormat;

/**
 * Runs one body through the reference (the endpoint's reference path: {@link OtlpShape} then {@link OtlpDecoder}
 * over protobuf's generated classes) and through {@link FastOtlpDecoder}, and holds the fast one to the reference:
 * the same samples in the same order, the same rejections (reasons, counts, details) and drops; or a refusal of
 * the same class where the reference refuses (and, for a limit, the same message). Anything else the fast decoder
 * throws (an index error, a stack overflow) fails the test.
 */
final class OtlpDecoderAgreement {
  /** What the reference made of the last body: true when it refused it. */
  boolean referenceRefused;
  /** The reference's refusal of the last body, or null. */
  Exception referenceRefusal;

  private final ShapeLimits limits;

  OtlpDecoderAgreement(ShapeLimits limits) {
    this.limits = limits;
  }

  void check(byte[] body) {
    DecodedBatch reference;
    Exception refRefusal = null;
    try {
      OtlpShape.checkProtobuf(body, limits.budget());
      reference = OtlpDecoder.decode(OtlpDecoder.parseProtobuf(body));
    } catch (UndecodableException | RequestTooLargeException e) {
      reference = null;
      refRefusal = e;
    }
    referenceRefused = reference == null;
    referenceRefusal = refRefusal;
    DecodedBatch fast;
    Exception refusal = null;
    try {
      fast = FastOtlpDecoder.forThisThread().decode(body, 0, body.length, limits.budget());
    } catch (UndecodableException | RequestTooLargeException e) {
      fast = null;
      refusal = e;
    }
    String hex = HexFormat.of().formatHex(body, 0, Math.min(body.length, 400));
    if (reference == null) {
      assertThat(fast).as("fast decoder accepted a body the reference refuses (%s): %s", refRefusal, hex).isNull();
      assertThat(refusal).as("refusal of %s", hex).hasSameClassAs(refRefusal);
      if (refRefusal instanceof RequestTooLargeException) {
        assertThat(refusal).as("limit named for %s", hex).hasMessage(refRefusal.getMessage());
      }
      return;
    }
    assertThat(fast).as("fast decoder refused (%s) a body the reference accepts: %s", refusal, hex).isNotNull();
    assertThat(fast.samples()).as("samples of %s", hex).containsExactlyElementsOf(reference.samples());
    assertThat(fast.tally().rejections()).as("rejections of %s", hex)
        .containsExactlyElementsOf(reference.tally().rejections());
    assertThat(fast.tally().dropped()).as("drops of %s", hex).isEqualTo(reference.tally().dropped());
  }
}
