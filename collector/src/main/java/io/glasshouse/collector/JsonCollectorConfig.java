package io.glasshouse.collector;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** {@link CollectorConfig} over a private copy of a JSON object; also refuses unknown keys. */
final class JsonCollectorConfig implements CollectorConfig {
  static final Set<String> KEYS = Set.of("max-body-bytes", "max-decompressed-bytes", "ingest-tokens",
      "max-labels-per-sample", "max-label-name-length", "max-label-value-length", "past-window", "future-window",
      "max-in-flight-requests", "max-samples-per-request", "max-buckets-per-histogram", "max-buckets-per-request",
      "max-values-per-request",
      "decode-on-worker-above-bytes", "decode-workers", "max-queued-samples", "max-queue-delay",
      "request-body-timeout", "idle-timeout", "max-in-flight-per-token", "decoder");

  private final JsonObject json;

  JsonCollectorConfig(JsonObject json) {
    this.json = json;
  }

  @Override
  public Object get(String key) {
    return json.getValue(key);
  }

  @Override
  public void validate() {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(prefix() + "." + key + " is not a collector setting; known keys: "
            + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    CollectorConfig.super.validate();
  }

  @Override
  public String toString() {
    JsonObject shown = json.copy();
    if (shown.containsKey("ingest-tokens")) {
      shown.put("ingest-tokens", "(hidden)");
    }
    return "CollectorConfig" + shown.encode();
  }
}
