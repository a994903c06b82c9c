package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.WellKnownLabels;

/**
 * What a sample says about its instance in the registry: whether it shows the instance running, and its version.
 *
 * <ul>
 *   <li>Prometheus writes {@code up} and {@code scrape_*} series for every target, also while it is down: those
 *       series never make an instance live, and {@code up == 0} is not a sighting (the target did not answer).
 *       Every other sample is one.</li>
 *   <li>The version comes from a source meant for it, never from just any label called {@code version} (which
 *       {@code node_os_info} and {@code node_uname_info} both carry, with different meanings): in OTLP batches
 *       the {@code version} label, which is the resource attribute {@code service.version} (the collector maps
 *       it to the well-known label, DESIGN.md), and in JSON batches the {@code version} label, which that format
 *       documents as the instance's; in any batch the {@code service_version} label, or the {@code version}
 *       label of an info metric named in {@code rollup.version-metrics} ({@link VersionSources}; by default
 *       {@code target_info}, {@code build_info} or any {@code <prefix>_build_info}).
 *       Prometheus (remote write, scrapes) gives versions only through those info metrics.</li>
 * </ul>
 */
final class InstanceSightings {
  static final String SERVICE_VERSION = "service_version";

  private InstanceSightings() {
  }

  /** Whether the sample shows its instance running. */
  static boolean makesLive(Sample s) {
    String m = s.metric();
    if (m.startsWith("scrape_")) {
      return false;
    }
    return !(m.equals("up") && s.kind() == MetricKind.GAUGE && s.value() == 0);
  }

  /**
   * Whether the sample says its instance is down: {@code up == 0} (a failed scrape, or a scrape target that left
   * discovery). It ends the instance's liveness at once, unless a sighting stamped later arrived first.
   */
  static boolean marksDown(Sample s) {
    return s.metric().equals("up") && s.kind() == MetricKind.GAUGE && s.value() == 0;
  }

  /**
   * The instance's version this sample states, or null; {@code sources} says which metrics state one,
   * {@code protocol} is null for journal replay.
   */
  static String version(Sample s, VersionSources sources, Protocol protocol) {
    String v = s.labels().get(SERVICE_VERSION);
    if (v != null) {
      return v;
    }
    if (protocol == Protocol.OTLP || protocol == Protocol.JSON) {
      v = s.labels().get(WellKnownLabels.VERSION);
      if (v != null) {
        return v;
      }
    }
    String m = s.metric();
    if (sources.matches(m)) {
      return s.labels().get("version");
    }
    return null;
  }
}
