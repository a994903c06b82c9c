package io.glasshouse.rollup.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GrowableBufferTest {
  @Test
  void growingPastOneGibibyteDoesNotOverflowTheDoubling() {
    int oneAndAHalfGiB = 1_610_612_736;
    assertThat(GrowableBuffer.grownCapacity(oneAndAHalfGiB, oneAndAHalfGiB + 1L, GrowableBuffer.MAX_BYTES))
        .isEqualTo(GrowableBuffer.MAX_BYTES);
    assertThat(GrowableBuffer.grownCapacity(1 << 20, (1 << 20) + 1, GrowableBuffer.MAX_BYTES)).isEqualTo(2 << 20);
  }

  @Test
  void aRecordLargerThanTheLimitIsRefusedWithAClearError() {
    assertThatThrownBy(() -> GrowableBuffer.grownCapacity(GrowableBuffer.MAX_BYTES, GrowableBuffer.MAX_BYTES + 1L,
        GrowableBuffer.MAX_BYTES)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot exceed");

    GrowableBuffer b = new GrowableBuffer(16, 64);
    b.putLong(1);
    assertThatThrownBy(() -> b.putString("x".repeat(100))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("64 bytes");
    b.truncate(8);
    assertThat(b.size()).isEqualTo(8);
  }
}
