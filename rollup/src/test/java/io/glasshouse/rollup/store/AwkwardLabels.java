package io.glasshouse.rollup.store;

import io.glasshouse.rollup.sample.Labels;
import java.util.ArrayList;
import java.util.List;

/** Label sets whose values contain everything a sender may put in a label value. */
public final class AwkwardLabels {
  private AwkwardLabels() {
  }

  /** Awkward values, each once. */
  public static List<String> values() {
    List<String> v = new ArrayList<>(List.of("", "a\u001eb", "a\u001fb", "\u001e", "\u001f", "\u001f\u001e",
        "a\u0000b", "\u0000", "tab\tnew\nline\rcr", "\u007f\u0080\u009f", "\u0001\u0002\u0003",
        "😀 non-BMP 𝄞", "é ü ß 中文", "\uFEFFbom", "=~,{}\"'\\", "status\u001f200\u001e"));
    v.add("x".repeat(10_000));
    v.add("😀".repeat(3_000));
    StringBuilder allControls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      allControls.append(c);
    }
    v.add(allControls.toString());
    return v;
  }

  /** One label set per awkward value, each value also in a second label after it. */
  public static List<Labels> all() {
    List<Labels> out = new ArrayList<>();
    for (String v : values()) {
      out.add(Labels.of("path", v, "zone", v + "|" + v));
    }
    return out;
  }
}
