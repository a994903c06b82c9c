package io.glasshouse.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated fleet: {@code --services} services ({@code soak-a}, {@code soak-b}, …) of {@code --instances}
 * instances each; churn; the sender outage of the last service. Used by the driver thread only (the progress
 * line reads {@link #simMinute} and {@link #size()} racily, which is fine for a progress line).
 */
final class Fleet {
  final List<String> services = new ArrayList<>();
  private final List<SimInstance> instances = new ArrayList<>();
  private final SoakOptions options;
  private final SplittableRandom rnd;
  private double nextChurn;
  private int nextId;
  volatile double simMinute;
  int replaced;
  int restarted;

  Fleet(SoakOptions options, SplittableRandom rnd) {
    this.options = options;
    this.rnd = rnd;
    this.nextChurn = options.churnEvery;
    for (int s = 0; s < options.services; s++) {
      String svc = "soak-" + (char) ('a' + s);
      services.add(svc);
      for (int i = 0; i < options.instances; i++) {
        instances.add(new SimInstance(svc, svc + "-" + nextId++));
      }
    }
  }

  int size() {
    return instances.size();
  }

  /** Churn due at this minute: one instance (not a silent one) dies and is replaced, or restarts. */
  void minute(double minute) {
    while (options.churnEvery > 0 && minute >= nextChurn) {
      nextChurn += options.churnEvery;
      List<Integer> candidates = new ArrayList<>();
      for (int i = 0; i < instances.size(); i++) {
        if (!silent(instances.get(i).service, minute)) {
          candidates.add(i);
        }
      }
      int i = candidates.get(rnd.nextInt(candidates.size()));
      SimInstance old = instances.get(i);
      if (rnd.nextBoolean()) {
        instances.set(i, new SimInstance(old.service, old.service + "-" + nextId++));
        replaced++;
      } else {
        old.restart();
        restarted++;
      }
    }
  }

  /** Every instance records a step; the readings of those not silent are returned, dated {@code tsMs}. */
  List<SimInstance.Reading> stepReadings(long tsMs, double minute) {
    List<SimInstance.Reading> r = new ArrayList<>();
    for (SimInstance inst : instances) {
      inst.record(rnd);
      if (!silent(inst.service, minute)) {
        r.add(inst.read(tsMs));
      }
    }
    return r;
  }

  private boolean silent(String service, double minute) {
    return service.equals(services.get(services.size() - 1)) && minute >= options.outageFrom
        && minute < options.outageTo;
  }
}
