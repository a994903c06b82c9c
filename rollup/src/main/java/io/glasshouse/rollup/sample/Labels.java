package io.glasshouse.rollup.sample;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable, sorted set of label name/value pairs.
 *
 * <p>Contract: names are unique and sorted by {@link String#compareTo}; {@link #equals} and {@link #hashCode}
 * depend on the pairs only, so a {@code Labels} can key a series map. Validation of names (empty, duplicate,
 * syntax) is the job of the collector's {@code SampleValidator}; {@link #of} and {@link Builder}
 * keep duplicates out by construction and report them through {@link Builder#duplicate()}.
 */
public final class Labels implements Comparable<Labels> {
  /** Labels with no pairs. */
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private final int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  /** Labels from alternating names and values: {@code Labels.of("service", "api", "status", "200")}. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Labels.of needs name/value pairs, got an odd count");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /** Labels from a map; iteration order does not matter. */
  public static Labels of(Map<String, String> map) {
    Builder b = builder();
    map.forEach(b::put);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** The value of a label, or null when absent. */
  public String get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? values[i] : null;
  }

  public boolean has(String name) {
    return Arrays.binarySearch(names, name) >= 0;
  }

  /** These labels keeping only names the predicate accepts; returns {@code this} when all are kept. */
  public Labels filter(Predicate<String> keep) {
    int kept = 0;
    for (String n : names) {
      if (keep.test(n)) {
        kept++;
      }
    }
    if (kept == names.length) {
      return this;
    }
    String[] n2 = new String[kept];
    String[] v2 = new String[kept];
    int j = 0;
    for (int i = 0; i < names.length; i++) {
      if (keep.test(names[i])) {
        n2[j] = names[i];
        v2[j++] = values[i];
      }
    }
    return new Labels(n2, v2);
  }

  /** These labels with one pair added or replaced. */
  public Labels with(String name, String value) {
    Builder b = toBuilder();
    b.set(name, value);
    return b.build();
  }

  public Builder toBuilder() {
    Builder b = builder();
    for (int i = 0; i < names.length; i++) {
      b.put(names[i], values[i]);
    }
    return b;
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && hash == l.hash && Arrays.equals(names, l.names) && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(names.length, o.names.length);
    for (int i = 0; i < n; i++) {
      int c = names[i].compareTo(o.names[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(names.length, o.names.length);
  }

  /** Prometheus text form: {@code {a="1",b="2"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append("=\"").append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append('}').toString();
  }

  /**
   * Collects pairs in any order. {@link #put} keeps the first value of a repeated name and remembers the
   * repetition, so validators can reject it; {@link #set} replaces. Backed by two small arrays sorted once at
   * {@link #build} (an insertion sort: label sets are small and usually arrive sorted), so building the labels
   * of a series allocates little on the ingest hot path.
   */
  public static final class Builder {
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;
    private boolean normalized = true;
    private String duplicate;

    public Builder put(String name, String value) {
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      if (normalized && size > 0 && names[size - 1].compareTo(name) >= 0) {
        normalized = false;
      }
      names[size] = name;
      values[size++] = value;
      return this;
    }

    /** Empties this builder for the next label set (decoders reuse one builder per thread). */
    public Builder clear() {
      Arrays.fill(names, 0, size, null);
      Arrays.fill(values, 0, size, null);
      size = 0;
      normalized = true;
      duplicate = null;
      return this;
    }

    public Builder set(String name, String value) {
      int i = indexOf(name);
      if (i >= 0) {
        values[i] = value;
        return this;
      }
      return put(name, value);
    }

    public Builder remove(String name) {
      normalize();
      int i = indexOf(name);
      if (i >= 0) {
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
      }
      return this;
    }

    public String get(String name) {
      int i = indexOf(name);
      return i >= 0 ? values[i] : null;
    }

    private int indexOf(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    /** The first label name given twice to {@link #put}, or null. */
    public String duplicate() {
      normalize();
      return duplicate;
    }

    /** Sorts by name, keeping the first value of each name (a stable sort), and notes the first repeat. */
    private void normalize() {
      if (normalized) {
        return;
      }
      for (int i = 1; i < size; i++) {
        String n = names[i];
        String v = values[i];
        int j = i - 1;
        while (j >= 0 && names[j].compareTo(n) > 0) {
          names[j + 1] = names[j];
          values[j + 1] = values[j];
          j--;
        }
        names[j + 1] = n;
        values[j + 1] = v;
      }
      int w = 0;
      for (int i = 0; i < size; i++) {
        if (w > 0 && names[w - 1].equals(names[i])) {
          if (duplicate == null) {
            duplicate = names[i];
          }
          continue;
        }
        names[w] = names[i];
        values[w++] = values[i];
      }
      size = w;
      normalized = true;
    }

    /** The labels, their strings made canonical for this thread (see {@link StringPool}). */
    public Labels build() {
      normalize();
      if (size == 0) {
        return EMPTY;
      }
      String[] n = new String[size];
      String[] v = new String[size];
      for (int i = 0; i < size; i++) {
        n[i] = StringPool.canonical(names[i]);
        v[i] = StringPool.canonical(values[i]);
      }
      return new Labels(n, v);
    }
  }
}
