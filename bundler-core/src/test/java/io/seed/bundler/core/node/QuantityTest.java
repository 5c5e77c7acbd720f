package io.seed.bundler.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class QuantityTest {
  @Test
  void shouldEncodeWithoutLeadingZeros() {
    assertThat(Quantity.encode(BigInteger.ZERO)).isEqualTo("0x0");
    assertThat(Quantity.encode(4096)).isEqualTo("0x1000");
    assertThat(Quantity.encode(BigInteger.ONE.shiftLeft(255))).hasSize(66);
  }

  @Test
  void shouldParseWhatItEncodesAndToleratePaddedDigits() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(Quantity.parse(Quantity.encode(max))).isEqualTo(max);
    assertThat(Quantity.parse("0x00ff")).isEqualTo(BigInteger.valueOf(255));
    assertThat(Quantity.parseLong("0x7a69")).isEqualTo(31337L);
  }

  @Test
  void shouldRejectTextThatIsNotAQuantity() {
    for (String bad : new String[] {"0x", "12", "0xg1", "-0x1", "0x" + "1".repeat(65)}) {
      assertThatThrownBy(() -> Quantity.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Quantity.parseLong("0x8000000000000000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantity.encode(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
