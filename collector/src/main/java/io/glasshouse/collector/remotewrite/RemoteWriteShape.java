package io.glasshouse.collector.remotewrite;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.ProtoValues;
import io.glasshouse.collector.validate.ProtoWalk;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import java.io.IOException;

/**
 * Counts the samples of an uncompressed remote write 1.0 body against {@link ShapeLimits} before it is
 * parsed. Classic histogram buckets are samples of their own ({@code _bucket} series), so the sample limit
 * bounds them too. Thread-safe.
 */
public final class RemoteWriteShape {
  private RemoteWriteShape() {
  }

  /** Checks {@code uncompressed}. */
  public static void check(byte[] uncompressed, ShapeLimits.Budget budget)
      throws RequestTooLargeException, UndecodableException {
    try {
      ProtoWalk.fields(CodedInputStream.newInstance(uncompressed), (in, tag) -> {
        if (WireFormat.getTagFieldNumber(tag) == WriteRequest.TIMESERIES_FIELD_NUMBER) {
          ProtoWalk.message(in, tag, (in2, tag2) -> {
            if (WireFormat.getTagFieldNumber(tag2) == TimeSeries.SAMPLES_FIELD_NUMBER) {
              budget.samples(1);
            }
            in2.skipField(tag2);
          });
        } else {
          in.skipField(tag);
        }
      });
    } catch (IOException e) {
      throw new UndecodableException("body is not a remote write 1.0 WriteRequest protobuf: "
          + UndecodableException.describe(e), e);
    }
    // Then everything else a parse would build (the specific limits above give the more precise answer).
    ProtoValues.check(uncompressed, WriteRequest.getDescriptor(), budget, "a remote write 1.0 WriteRequest protobuf");
  }
}
