package io.glasshouse.rollup.forecast;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Timing harness, not a test: fits and forecasts N synthetic series of 30 days at 5-minute steps (daily and weekly
 * cycles, trend, noise, a few gaps and spikes; seeded) and prints the wall time, single-threaded and on T threads.
 * Run: {@code java -cp rollup/target/test-classes:rollup/target/classes:$(cat cp.txt)
 * io.glasshouse.rollup.forecast.ForecastTiming [series] [threads]}.
 */
public final class ForecastTiming {
  private ForecastTiming() {
  }

  static Series synthetic(Random rnd, int n) {
    double[] v = new double[n];
    double level = 50 + rnd.nextDouble() * 500;
    double trend = (rnd.nextDouble() - 0.5) * level / n;
    double amp = level * (0.1 + 0.4 * rnd.nextDouble());
    double weekly = level * 0.2 * rnd.nextDouble();
    double noise = level * 0.05 * (0.2 + rnd.nextDouble());
    for (int i = 0; i < n; i++) {
      v[i] = level + trend * i + amp * Math.sin(2 * Math.PI * i / 288.0) + weekly * Math.sin(2 * Math.PI * i / 2016.0)
          + noise * rnd.nextGaussian();
      if (rnd.nextDouble() < 0.002) {
        v[i] += 10 * noise;
      }
      if (rnd.nextDouble() < 0.002) {
        v[i] = Double.NaN;
      }
    }
    return new Series(1_700_000_000_000L, 300_000L, v);
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Random rnd = new Random(42);
    Series[] series = new Series[count];
    for (int i = 0; i < count; i++) {
      series[i] = synthetic(rnd, 30 * 288);
    }
    List<Duration> horizons = Forecaster.DEFAULT_HORIZONS;
    // warm-up so the JIT has compiled the hot loops
    for (int i = 0; i < Math.min(50, count); i++) {
      Forecaster.defaults().forecast(series[i], horizons);
    }
    long t0 = System.nanoTime();
    double sink = 0;
    for (Series s : series) {
      sink += Forecaster.defaults().forecast(s, horizons).horizons().get(0).point();
    }
    long single = System.nanoTime() - t0;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    t0 = System.nanoTime();
    Future<?>[] fs = new Future<?>[count];
    for (int i = 0; i < count; i++) {
      Series s = series[i];
      fs[i] = pool.submit(() -> Forecaster.defaults().forecast(s, horizons));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    long parallel = System.nanoTime() - t0;
    pool.shutdown();
    System.out.printf("%d series x %d points (30 days at 5 min), horizons %s%n", count, 30 * 288, horizons);
    System.out.printf("single thread: %.2f s (%.1f ms/series)%n", single / 1e9, single / 1e6 / count);
    System.out.printf("%d threads:     %.2f s (%.1f ms/series)  [checksum %.3f]%n", threads, parallel / 1e9,
        parallel / 1e6 / count, sink);
  }
}
