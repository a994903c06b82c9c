package io.glasshouse.rollup.engine;

/** An instance of a service as the registry tracks it. */
final class InstanceRecord {
  final String instance;
  long firstSeenMs;
  long lastSeenMs;
  String version;
  boolean dirty;

  InstanceRecord(String instance, long firstSeenMs, long lastSeenMs, String version) {
    this.instance = instance;
    this.firstSeenMs = firstSeenMs;
    this.lastSeenMs = lastSeenMs;
    this.version = version;
  }

  void seen(long ts, String v) {
    if (ts > lastSeenMs) {
      lastSeenMs = ts;
      dirty = true;
    }
    if (ts < firstSeenMs) {
      firstSeenMs = ts;
      dirty = true;
    }
    if (v != null && !v.equals(version)) {
      version = v;
      dirty = true;
    }
  }
}
