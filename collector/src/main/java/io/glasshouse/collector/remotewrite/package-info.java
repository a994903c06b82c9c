/**
 * Prometheus remote write 1.0: {@link io.glasshouse.collector.remotewrite.RemoteWriteDecoder} turns an
 * uncompressed {@code WriteRequest} into samples. Label mapping: {@code __name__} is the metric; {@code job}
 * becomes {@code service} (when there is no {@code service} label) and is not kept as a label of its own;
 * {@code instance} stays. Classic histograms ({@code _bucket}/{@code _sum}/{@code _count} series of one family
 * and label set in one request) are grouped into one histogram sample. The protobuf messages are generated
 * from {@code src/main/proto/remote_write.proto} into {@code io.glasshouse.collector.remotewrite.proto}.
 */
package io.glasshouse.collector.remotewrite;
