package io.glasshouse.rollup.ingest;

import java.util.List;

/**
 * What the engine did with a batch: how many samples it applied, and the ones it refused with why.
 *
 * @param accepted samples applied to the rollups
 * @param rejected refusals, grouped by reason
 */
public record IngestResult(int accepted, List<Rejection> rejected) {
  public static IngestResult all(int accepted) {
    return new IngestResult(accepted, List.of());
  }
}
