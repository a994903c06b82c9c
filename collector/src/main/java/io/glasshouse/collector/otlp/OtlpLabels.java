package io.glasshouse.collector.otlp;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.WellKnownLabels;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.List;

/** Attribute → label mapping of OTLP (names and values). */
final class OtlpLabels {
  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";
  static final String SERVICE_VERSION = "service.version";

  private OtlpLabels() {
  }

  /** The resource's labels as alternating names and values, ready to be put into every point's builder. */
  static String[] resourcePairs(List<KeyValue> attributes) {
    String[] pairs = new String[attributes.size() * 2];
    int n = 0;
    for (KeyValue kv : attributes) {
      String key = kv.getKey();
      String name;
      if (SERVICE_NAME.equals(key)) {
        name = WellKnownLabels.SERVICE;
      } else if (SERVICE_INSTANCE_ID.equals(key)) {
        name = WellKnownLabels.INSTANCE;
      } else if (SERVICE_VERSION.equals(key)) {
        name = WellKnownLabels.VERSION;
      } else if (key.startsWith("telemetry.sdk.")) {
        continue;
      } else {
        name = labelName(key);
      }
      pairs[n++] = name;
      pairs[n++] = text(kv.getValue());
    }
    return n == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, n);
  }

  /** Labels of one point: the resource pairs plus the point's attributes; duplicates are left in the builder. */
  static Labels.Builder pointLabels(String[] resourcePairs, List<KeyValue> attributes) {
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < resourcePairs.length; i += 2) {
      b.put(resourcePairs[i], resourcePairs[i + 1]);
    }
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      b.put(labelName(kv.getKey()), text(kv.getValue()));
    }
    return b;
  }

  /** OTLP names to Prometheus style: dots become underscores; other characters are left to the validator. */
  static String labelName(String key) {
    return key.indexOf('.') < 0 ? key : key.replace('.', '_');
  }

  /** An attribute value as label text: strings as they are, scalars in their usual form, arrays as [a,b]. */
  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        StringBuilder sb = new StringBuilder("[");
        for (AnyValue e : v.getArrayValue().getValuesList()) {
          sb.append(sb.length() > 1 ? "," : "").append(text(e));
        }
        yield sb.append(']').toString();
      }
      case KVLIST_VALUE -> {
        StringBuilder sb = new StringBuilder("{");
        for (KeyValue e : v.getKvlistValue().getValuesList()) {
          sb.append(sb.length() > 1 ? "," : "").append(e.getKey()).append('=').append(text(e.getValue()));
        }
        yield sb.append('}').toString();
      }
      default -> "";
    };
  }
}
