package io.glasshouse.collector;

import io.glasshouse.collector.http.HttpProblem;
import io.glasshouse.collector.remotewrite.MetricFamilies;
import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.sample.Protocol;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 (snappy block-compressed protobuf). Atomic: any
 * refused sample refuses the request (400, nothing applied). 204 on success.
 */
final class RemoteWriteEndpoint extends IngestEndpoint {
  static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";

  private final MetricFamilies families;

  RemoteWriteEndpoint(Shared shared, MetricFamilies families) {
    super(Protocol.REMOTE_WRITE, true, shared);
    this.families = families;
  }

  @Override
  String checkHeaders(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String version = ctx.request().getHeader(VERSION_HEADER);
    boolean v2 = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("io.prometheus.write.v2"))
        || (version != null && version.trim().startsWith("2"));
    if (v2) {
      throw HttpProblem.unsupportedMediaType("remote write 2.0 is not supported; configure the sender for 1.0 "
          + "(Prometheus: protobuf_message: prometheus.WriteRequest), Content-Type application/x-protobuf");
    }
    if (!mediaType(ctx.request()).equals("application/x-protobuf")) {
      throw HttpProblem.unsupportedMediaType("Content-Type '" + contentType + "' is not supported; remote write "
          + "1.0 bodies are application/x-protobuf (snappy-compressed prometheus.WriteRequest)");
    }
    String encoding = contentEncoding(ctx.request());
    if (encoding.equals(IDENTITY) || encoding.equals(SNAPPY)) {
      return SNAPPY; // the body is snappy-compressed by definition of the protocol
    }
    throw unsupportedEncoding(encoding, "snappy (block format), as remote write 1.0 requires");
  }

  @Override
  DecodedBatch decode(RoutingContext ctx, byte[] body) throws UndecodableException {
    return RemoteWriteDecoder.decode(RemoteWriteDecoder.parse(body), families);
  }

  @Override
  void answerAccepted(RoutingContext ctx, int accepted, RejectionTally tally) {
    ctx.response().setStatusCode(204).end();
  }
}
