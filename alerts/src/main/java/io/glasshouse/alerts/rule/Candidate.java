package io.glasshouse.alerts.rule;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a rule found at one evaluation: an alert instance whose condition holds now, with its labels (the rule's
 * own labels merged in by the engine), rendered annotations, and the figure that crossed the line.
 */
public record Candidate(SortedMap<String, String> labels, SortedMap<String, String> annotations, double value) {
  public Candidate {
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  public static Candidate of(Map<String, String> labels, Map<String, String> annotations, double value) {
    return new Candidate(new TreeMap<>(labels), new TreeMap<>(annotations), value);
  }
}
