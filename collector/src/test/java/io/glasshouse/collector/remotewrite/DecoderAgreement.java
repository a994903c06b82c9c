package io.glasshouse.collector.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import java.util.HexFormat;

/**
 * Runs one body through the reference decoder (the endpoint's reference path: {@link RemoteWriteShape} then
 * {@link RemoteWriteDecoder} over protobuf's generated classes) and through {@link FastRemoteWriteDecoder}, and
 * holds the fast one to the reference: the same samples, rejections and drops, or a refusal where the reference
 * refuses. Anything else the fast decoder throws (an index error, a stack overflow) fails the test.
 */
final class DecoderAgreement {
  /** What the reference made of the last body: true when it refused it. */
  boolean referenceRefused;

  private final ShapeLimits limits;

  DecoderAgreement(ShapeLimits limits) {
    this.limits = limits;
  }

  /** Checks one body, with fresh metric families on both sides. */
  void check(byte[] body) {
    check(body, new MetricFamilies(), new MetricFamilies());
  }

  /** Checks one body against families each side has filled from the same earlier bodies. */
  void check(byte[] body, MetricFamilies referenceFamilies, MetricFamilies fastFamilies) {
    DecodedBatch reference;
    try {
      RemoteWriteShape.check(body, limits.budget());
      reference = RemoteWriteDecoder.decode(RemoteWriteDecoder.parse(body), referenceFamilies);
    } catch (UndecodableException | RequestTooLargeException e) {
      reference = null;
    }
    referenceRefused = reference == null;
    DecodedBatch fast;
    Exception refusal = null;
    try {
      fast = FastRemoteWriteDecoder.forThisThread().decode(body, 0, body.length, fastFamilies, limits.budget());
    } catch (UndecodableException | RequestTooLargeException e) {
      fast = null;
      refusal = e;
    }
    String hex = HexFormat.of().formatHex(body, 0, Math.min(body.length, 400));
    if (reference == null) {
      assertThat(fast).as("fast decoder accepted a body the reference refuses: %s", hex).isNull();
      return;
    }
    assertThat(fast).as("fast decoder refused (%s) a body the reference accepts: %s", refusal, hex).isNotNull();
    assertThat(fast.samples()).as("samples of %s", hex).containsExactlyInAnyOrderElementsOf(reference.samples());
    assertThat(fast.samples()).as("samples, in order, of %s", hex).containsExactlyElementsOf(reference.samples());
    assertThat(fast.tally().rejections()).as("rejections of %s", hex)
        .containsExactlyElementsOf(reference.tally().rejections());
    assertThat(fast.tally().dropped()).as("drops of %s", hex).isEqualTo(reference.tally().dropped());
    assertThat(fastFamilies.size()).as("families remembered after %s", hex).isEqualTo(referenceFamilies.size());
    for (var s : reference.samples()) {
      if (s.metric() != null) { // a series without __name__ is refused later, by the validator
        assertThat(fastFamilies.type(s.metric())).isEqualTo(referenceFamilies.type(s.metric()));
      }
    }
  }
}
