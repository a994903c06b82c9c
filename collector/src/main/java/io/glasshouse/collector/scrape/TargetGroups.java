package io.glasshouse.collector.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads target groups in the format Prometheus's file SD (JSON or YAML) and HTTP SD (JSON) share: a list of
 * {@code {"targets": ["host:port", ...], "labels": {"name": "value", ...}}}. Anything else (another shape, a field
 * other than {@code targets} and {@code labels}, a label name that is not valid, a value that is not a string)
 * refuses the whole document with a message saying where.
 */
final class TargetGroups {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private TargetGroups() {
  }

  static List<TargetGroup> parseJson(byte[] body, Map<String, String> meta) {
    try {
      return groups(JSON.readTree(body), meta);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  static List<TargetGroup> parseYaml(byte[] body, Map<String, String> meta) {
    try {
      return groups(YAML.readTree(body), meta);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static List<TargetGroup> groups(JsonNode root, Map<String, String> meta) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("expected a list of target groups ([{\"targets\": [...], \"labels\": "
          + "{...}}]), got " + root.getNodeType().toString().toLowerCase());
    }
    List<TargetGroup> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode g = root.get(i);
      String at = "group " + i;
      if (!g.isObject()) {
        throw new IllegalArgumentException(at + " is not a mapping");
      }
      for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("targets") && !f.equals("labels")) {
          throw new IllegalArgumentException(at + " has field '" + f + "'; only targets and labels are allowed");
        }
      }
      List<String> targets = new ArrayList<>();
      JsonNode t = g.get("targets");
      if (t != null && !t.isNull()) {
        if (!t.isArray()) {
          throw new IllegalArgumentException(at + ": targets must be a list of host:port strings");
        }
        for (JsonNode x : t) {
          if (!x.isTextual() || x.asText().isBlank()) {
            throw new IllegalArgumentException(at + ": targets must be a list of host:port strings, found " + x);
          }
          targets.add(x.asText().trim());
        }
      }
      Map<String, String> labels = new LinkedHashMap<>(meta);
      JsonNode l = g.get("labels");
      if (l != null && !l.isNull()) {
        if (!l.isObject()) {
          throw new IllegalArgumentException(at + ": labels must be a mapping of label names to strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!Fields.LABEL_NAME.matcher(e.getKey()).matches()) {
            throw new IllegalArgumentException(at + ": '" + e.getKey() + "' is not a valid label name");
          }
          if (!e.getValue().isValueNode() || e.getValue().isNull()) {
            throw new IllegalArgumentException(at + ": label " + e.getKey() + " must be a string");
          }
          labels.put(e.getKey(), e.getValue().asText());
        }
      }
      out.add(new TargetGroup(targets, labels));
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
