package io.glasshouse.collector.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireReaderTest {
  @Test
  void aLengthPrefixClaiming2GiBIsRefusedWithoutReadingOrAllocating() {
    // field 1, length-delimited, length 2^31 - 1 (and 2^31, negative as protobuf reads it), then 3 bytes
    byte[] max = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3};
    byte[] negative = {0x0a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2, 3};

    for (byte[] body : new byte[][] {max, negative}) {
      WireReader r = new WireReader().reset(body, 0, body.length);
      assertThatThrownBy(() -> {
        r.readTag();
        r.enter();
      }).isInstanceOf(WireException.class).hasMessageContaining("length");
    }
  }

  @Test
  void varintsLongerThanTenBytesAndFieldNumberZeroAreRefused() {
    byte[] eleven = new byte[11];
    java.util.Arrays.fill(eleven, (byte) 0x80);
    assertThatThrownBy(() -> new WireReader().reset(eleven, 0, 11).readVarint()).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> new WireReader().reset(new byte[] {0x02}, 0, 1).readTag())
        .isInstanceOf(WireException.class).hasMessageContaining("field number 0");
  }

  @Test
  void groupsNestedTenThousandDeepAreRefusedWithoutOverflowingTheStack() {
    byte[] body = new byte[10_000];
    java.util.Arrays.fill(body, (byte) 0x0b); // start group of field 1, over and over
    WireReader r = new WireReader().reset(body, 0, body.length);

    assertThatThrownBy(() -> r.skipField(r.readTag())).isInstanceOf(WireException.class)
        .hasMessageContaining("nested");
  }

  @Test
  void anEndGroupOutsideItsGroupOrClosingAnotherFieldIsRefused() {
    assertThatThrownBy(() -> {
      WireReader r = new WireReader().reset(new byte[] {0x0c}, 0, 1);
      r.skipField(r.readTag());
    }).isInstanceOf(WireException.class);
    assertThatThrownBy(() -> {
      WireReader r = new WireReader().reset(new byte[] {0x0b, 0x14}, 0, 2);
      r.skipField(r.readTag());
    }).isInstanceOf(WireException.class).hasMessageContaining("closed by field 2");
  }

  @Test
  void enteringASubmessageBoundsReadsToIt() throws WireException {
    // field 1 { field 2 varint 5 }, field 3 varint 7
    byte[] body = {0x0a, 0x02, 0x10, 0x05, 0x18, 0x07};
    WireReader r = new WireReader().reset(body, 0, body.length);
    assertThat(WireReader.fieldNumber(r.readTag())).isEqualTo(1);
    int outer = r.enter();
    assertThat(r.readTag()).isEqualTo(0x10);
    assertThat(r.readVarint()).isEqualTo(5);
    assertThat(r.more()).isFalse();
    r.leave(outer);
    assertThat(r.readTag()).isEqualTo(0x18);
    assertThat(r.readVarint()).isEqualTo(7);
  }

  @Test
  void stringsMustBeStrictUtf8AsProtobufRequires() throws WireException {
    assertThat(Utf8.decode("häßlich 日本 😀".getBytes(StandardCharsets.UTF_8), 0,
        "häßlich 日本 😀".getBytes(StandardCharsets.UTF_8).length)).isEqualTo("häßlich 日本 😀");
    byte[][] invalid = {
        {(byte) 0xc0, (byte) 0xaf},                         // overlong '/'
        {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},            // overlong
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},            // an encoded surrogate
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0xc3},                                      // lead byte without continuation
        {(byte) 0x80},                                      // stray continuation
        {(byte) 0xff}};
    for (byte[] b : invalid) {
      assertThatThrownBy(() -> Utf8.check(b, 0, b.length)).isInstanceOf(WireException.class);
    }
  }
}
