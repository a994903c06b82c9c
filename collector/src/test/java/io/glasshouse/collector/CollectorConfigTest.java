package io.glasshouse.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    CollectorConfig c = CollectorConfig.DEFAULT;
    c.validate();
    assertThat(c.maxBodyBytes()).isEqualTo(16L << 20);
    assertThat(c.maxDecompressedBytes()).isEqualTo(64L << 20);
    assertThat(c.ingestTokens()).isEmpty();
    assertThat(c.maxLabelsPerSample()).isEqualTo(64);
    assertThat(c.pastWindow()).isEqualTo(Duration.ofHours(1));
    assertThat(c.futureWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.maxInFlightRequests()).isEqualTo(256);
  }

  @Test
  void fromJsonReadsKebabCaseKeysSizesDurationsAndTokenLists() {
    CollectorConfig c = CollectorConfig.fromJson(new JsonObject()
        .put("max-body-bytes", "8MiB")
        .put("max-decompressed-bytes", 1000)
        .put("ingest-tokens", new JsonArray().add("a").add("b"))
        .put("past-window", "2h")
        .put("future-window", "PT30S")
        .put("max-labels-per-sample", 10));
    c.validate();
    assertThat(c.maxBodyBytes()).isEqualTo(8L << 20);
    assertThat(c.maxDecompressedBytes()).isEqualTo(1000);
    assertThat(c.ingestTokens()).isEqualTo(Set.of("a", "b"));
    assertThat(c.pastWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(c.futureWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.maxLabelsPerSample()).isEqualTo(10);
  }

  @Test
  void commaSeparatedTokensFromEnvironmentOverridesAreSplit() {
    assertThat(CollectorConfig.fromJson(new JsonObject().put("ingest-tokens", "a, b")).ingestTokens())
        .isEqualTo(Set.of("a", "b"));
  }

  @Test
  void fromJsonCopiesItsInput() {
    JsonObject json = new JsonObject().put("max-labels-per-sample", 5);
    CollectorConfig c = CollectorConfig.fromJson(json);
    json.put("max-labels-per-sample", 6);
    assertThat(c.maxLabelsPerSample()).isEqualTo(5);
  }

  @Test
  void validateNamesTheBadKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CollectorConfig.fromJson(new JsonObject().put("max-body-bytes", "lots")).validate())
        .withMessageContaining("collector.max-body-bytes");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CollectorConfig.fromJson(new JsonObject().put("past-window", "-1h")).validate())
        .withMessageContaining("collector.past-window");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CollectorConfig.fromJson(new JsonObject().put("max-labels-per-sample", 0)).validate())
        .withMessageContaining("collector.max-labels-per-sample");
  }

  @Test
  void validateRefusesUnknownKeysAndBlankTokens() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CollectorConfig.fromJson(new JsonObject().put("max-body-size", 1)).validate())
        .withMessageContaining("collector.max-body-size");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CollectorConfig.fromJson(new JsonObject().put("ingest-tokens", new JsonArray().add("a b")))
            .validate())
        .withMessageContaining("collector.ingest-tokens")
        .withMessageNotContaining("a b");
  }

  @Test
  void requestLimitsTimeoutsAndSheddingHaveTheDocumentedDefaultsAndNameTheirKeyWhenBad() {
    CollectorConfig c = CollectorConfig.DEFAULT;
    assertThat(c.shapeLimits()).isEqualTo(new io.glasshouse.collector.validate.ShapeLimits(100_000, 2_048,
        1_000_000, 4_000_000));
    assertThat(c.decodeOnWorkerAboveBytes()).isEqualTo(64L << 10);
    assertThat(c.maxQueuedSamples()).isEqualTo(250_000);
    assertThat(c.maxQueueDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.requestBodyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.maxInFlightPerToken()).isEqualTo(128);

    assertThatIllegalArgumentException().isThrownBy(() -> CollectorConfig.fromJson(new JsonObject()
        .put("max-queue-delay", "soon")).validate()).withMessageContaining("collector.max-queue-delay");
    assertThatIllegalArgumentException().isThrownBy(() -> CollectorConfig.fromJson(new JsonObject()
        .put("max-values-per-request", 0)).validate()).withMessageContaining("collector.max-values-per-request");
  }
}
