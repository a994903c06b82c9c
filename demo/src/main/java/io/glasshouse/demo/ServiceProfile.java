package io.glasshouse.demo;

import java.util.List;

/**
 * What one simulated service looks like: its endpoints and their typical latency, how busy an instance is at
 * the daily peak, its business event, and the sizes of its resources with their slow trends.
 *
 * @param name {@code service.name}
 * @param version version the fleet starts with
 * @param endpoints request mix
 * @param peakRps requests per second per instance at the daily peak
 * @param businessCounter counter incremented by every successful request to a business endpoint
 * @param memoryMax bytes of heap ({@code jvm.memory.max})
 * @param diskTotal bytes of the data volume ({@code disk.total})
 * @param diskStart fraction of the volume used when the fleet starts
 * @param diskGrowthPerDay fraction of the volume added per simulated day
 * @param leakPerDay fraction of the heap leaked per simulated day of an instance's life (0: no leak)
 * @param poolMax database connection pool size ({@code db.connections.max})
 */
record ServiceProfile(
    String name,
    String version,
    List<Endpoint> endpoints,
    double peakRps,
    String businessCounter,
    long memoryMax,
    long diskTotal,
    double diskStart,
    double diskGrowthPerDay,
    double leakPerDay,
    int poolMax) {

  static final long MIB = 1024L * 1024;
  static final long GIB = 1024L * MIB;

  /**
   * One endpoint.
   *
   * @param method HTTP method
   * @param uri URI template, as in the {@code uri} tag
   * @param weight share of the traffic
   * @param medianMillis median latency when the instance is idle
   * @param business whether a success counts as a business event
   */
  record Endpoint(String method, String uri, double weight, double medianMillis, boolean business) {
  }

  /**
   * The profile of a service: hand-made for {@code checkout} (whose disk fills up within about five days),
   * {@code search} and {@code accounts} (whose instances leak memory slowly), generic for any other name.
   */
  static ServiceProfile forName(String name) {
    return switch (name) {
      case "checkout" -> new ServiceProfile(name, "2.3.1", List.of(
          new Endpoint("GET", "/cart", 0.40, 35, false),
          new Endpoint("POST", "/cart/items", 0.25, 55, false),
          new Endpoint("POST", "/orders", 0.15, 170, true),
          new Endpoint("GET", "/orders/{id}", 0.20, 30, false)),
          25, "orders.placed", GIB, 200 * GIB, 0.72, 0.06, 0, 20);
      case "search" -> new ServiceProfile(name, "5.12.0", List.of(
          new Endpoint("GET", "/search", 0.65, 80, true),
          new Endpoint("GET", "/suggest", 0.30, 15, false),
          new Endpoint("POST", "/index/refresh", 0.05, 400, false)),
          40, "search.queries", 2 * GIB, 100 * GIB, 0.35, 0.004, 0, 10);
      case "accounts" -> new ServiceProfile(name, "1.8.4", List.of(
          new Endpoint("POST", "/login", 0.30, 110, true),
          new Endpoint("GET", "/me", 0.50, 12, false),
          new Endpoint("POST", "/logout", 0.12, 8, false),
          new Endpoint("POST", "/password-reset", 0.08, 220, false)),
          15, "logins", 512 * MIB, 50 * GIB, 0.20, 0.01, 0.08, 15);
      default -> new ServiceProfile(name, "1.0.0", List.of(
          new Endpoint("GET", "/api/items", 0.60, 45, false),
          new Endpoint("GET", "/api/items/{id}", 0.25, 20, false),
          new Endpoint("POST", "/api/items", 0.15, 90, true)),
          20, "business.events", GIB, 100 * GIB, 0.30, 0.005, 0, 10);
    };
  }

  /** Fraction of the data volume used after {@code days} simulated days, at most 99.9 %. */
  double diskFraction(double days) {
    return Math.min(0.999, diskStart + diskGrowthPerDay * Math.max(0, days));
  }

  /** Share of a data volume that is used when it has just been provisioned. */
  static final double FRESH_VOLUME = 0.05;

  /**
   * Fraction of the data volume used {@code days} simulated days after the fleet's start, also before it
   * (negative days): going back in time the trend runs backwards, down to a freshly provisioned volume
   * ({@link #FRESH_VOLUME}, or {@code diskStart} if that is less). Equal to {@link #diskFraction} from the start
   * on.
   */
  double diskFractionAt(double days) {
    if (days >= 0) {
      return diskFraction(days);
    }
    return Math.max(Math.min(diskStart, FRESH_VOLUME), diskStart + diskGrowthPerDay * days);
  }

  /** Simulated days until the data volume is full, counted from the fleet's start; infinite if it never fills. */
  double daysUntilDiskFull() {
    return diskGrowthPerDay <= 0 ? Double.POSITIVE_INFINITY : (1 - diskStart) / diskGrowthPerDay;
  }

  /** The next patch version: {@code 2.3.1} gives {@code 2.3.2}; anything unusual gets {@code -next}. */
  static String nextPatch(String version) {
    int dot = version.lastIndexOf('.');
    try {
      return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return version + "-next";
    }
  }
}
