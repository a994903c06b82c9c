package io.glasshouse.collector.validate;

import io.glasshouse.rollup.sample.Sample;
import java.util.List;

/**
 * What a decoder made of one request body: the samples it could build and a tally of what it refused or
 * dropped while decoding. The samples are not validated yet; see {@link SampleValidator}.
 *
 * @param samples decoded samples, in body order (histogram parts of remote write are grouped)
 * @param tally rejections and drops found while decoding; the caller may keep adding to it
 */
public record DecodedBatch(List<Sample> samples, RejectionTally tally) {
}
