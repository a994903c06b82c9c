package io.glasshouse.collector;

import io.glasshouse.collector.http.HttpProblem;
import io.glasshouse.collector.http.SnappyBuffer;
import io.glasshouse.collector.remotewrite.FastRemoteWriteDecoder;
import io.glasshouse.collector.remotewrite.MetricFamilies;
import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
import io.glasshouse.collector.remotewrite.RemoteWriteShape;
import io.glasshouse.collector.remotewrite.RemoteWriteV2Decoder;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Protocol;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code POST /api/v1/write}: Prometheus remote write (snappy block-compressed protobuf), both versions on one
 * path, told apart by {@code Content-Type}:
 * <ul>
 *   <li>1.0, {@code application/x-protobuf} (or {@code ;proto=prometheus.WriteRequest}): atomic, any refused
 *       sample refuses the request (400, nothing applied); NaNs and staleness markers are not refusals. 204.</li>
 *   <li>2.0, {@code application/x-protobuf;proto=io.prometheus.write.v2.Request}: partial, as the 2.0
 *       specification defines it: valid samples are applied, refused ones reported. 204 when everything was
 *       written, else 400 with the reasons. Every answer carries {@code X-Prometheus-Remote-Write-Samples-Written},
 *       {@code -Histograms-Written} and {@code -Exemplars-Written}.</li>
 * </ul>
 */
final class RemoteWriteEndpoint extends IngestEndpoint {
  static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";
  static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
  static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
  static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";
  static final String V2_MESSAGE = "io.prometheus.write.v2.request";
  private static final String V2 = "glasshouse.rw2";

  private final MetricFamilies families;
  private final boolean fast;
  private final long maxDecompressed;

  RemoteWriteEndpoint(Shared shared, MetricFamilies families) {
    super(Protocol.REMOTE_WRITE, true, shared);
    this.families = families;
    this.fast = shared.config.decoder() == CollectorConfig.Decoder.FAST;
    this.maxDecompressed = shared.config.maxDecompressedBytes();
  }

  @Override
  String checkHeaders(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (!mediaType(ctx.request()).equals("application/x-protobuf")) {
      throw HttpProblem.unsupportedMediaType("Content-Type '" + contentType + "' is not supported; remote write "
          + "bodies are application/x-protobuf (1.0: prometheus.WriteRequest) or application/x-protobuf;"
          + "proto=io.prometheus.write.v2.Request (2.0), snappy-compressed");
    }
    String proto = protoParameter(contentType);
    if (proto.equals(V2_MESSAGE)) {
      ctx.put(V2, Boolean.TRUE);
      written(ctx, 0); // also on refusals: nothing written
    } else if (!proto.isEmpty() && !proto.equals("prometheus.writerequest")) {
      throw HttpProblem.unsupportedMediaType("proto=" + proto + " is not supported; send prometheus.WriteRequest "
          + "(remote write 1.0) or io.prometheus.write.v2.Request (2.0)");
    }
    String encoding = contentEncoding(ctx.request());
    if (encoding.equals(IDENTITY) || encoding.equals(SNAPPY)) {
      return SNAPPY; // the body is snappy-compressed by definition of the protocol
    }
    throw unsupportedEncoding(encoding, "snappy (block format), as remote write requires");
  }

  /** The lower-case value of the {@code proto} parameter of a Content-Type, or "". */
  static String protoParameter(String contentType) {
    if (contentType == null) {
      return "";
    }
    for (String part : contentType.split(";")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("proto=")) {
        return p.substring(6).replace("\"", "").trim();
      }
    }
    return "";
  }

  private static boolean v2(RoutingContext ctx) {
    return ctx.get(V2) != null;
  }

  @Override
  boolean atomic(RoutingContext ctx) {
    return !v2(ctx);
  }

  /**
   * With {@code collector.decoder: fast} (the default), remote write 1.0 bodies are uncompressed into the
   * thread's reused buffer and decoded straight from it by {@link FastRemoteWriteDecoder}, which also counts
   * them against the limits; otherwise (and for 2.0) through protobuf's generated classes.
   */
  @Override
  DecodedBatch decodeBody(RoutingContext ctx, byte[] raw, String encoding, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    if (!fast || v2(ctx)) {
      return super.decodeBody(ctx, raw, encoding, budget);
    }
    SnappyBuffer.Decompressed body = SnappyBuffer.unsnappy(raw, maxDecompressed);
    return FastRemoteWriteDecoder.forThisThread().decode(body.bytes(), 0, body.length(), families, budget);
  }

  @Override
  DecodedBatch decode(RoutingContext ctx, byte[] body, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    if (v2(ctx)) {
      // 2.0 bodies are bounded by max-decompressed-bytes; RemoteWriteShape walks the 1.0 layout only
      return RemoteWriteV2Decoder.decode(RemoteWriteV2Decoder.parse(body), families);
    }
    RemoteWriteShape.check(body, budget);
    return RemoteWriteDecoder.decode(RemoteWriteDecoder.parse(body), families);
  }

  @Override
  void answerAccepted(RoutingContext ctx, int accepted, RejectionTally tally) {
    if (!v2(ctx)) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    int dropped = tally.dropped().values().stream().mapToInt(Integer::intValue).sum();
    written(ctx, accepted + dropped); // staleness markers and NaNs are taken as what they mean
    if (tally.isEmpty()) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    answerProblem(ctx, HttpProblem.invalidSamples(tally.total() + " of " + (accepted + dropped + tally.total())
        + " samples were not written (the others were): " + tally.summary() + ". Fix these; do not resend the "
        + "written ones.", tally.rejections()));
  }

  private static void written(RoutingContext ctx, int samples) {
    ctx.response().putHeader(SAMPLES_WRITTEN, Integer.toString(samples))
        .putHeader(HISTOGRAMS_WRITTEN, "0")
        .putHeader(EXEMPLARS_WRITTEN, "0");
  }
}
