package io.seed.bundler.rpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HexJsonTest {

  @ParameterizedTest
  @CsvSource({"0, 0x0", "1, 0x1", "255, 0xff", "31337, 0x7a69"})
  void shouldWriteQuantitiesWithoutLeadingZeros(long value, String hex) {
    assertThat(HexJson.quantity(value)).isEqualTo(hex);
    assertThat(HexJson.quantity(BigInteger.valueOf(value))).isEqualTo(hex);
  }

  @Test
  void shouldRefuseToWriteNegativeQuantities() {
    assertThatThrownBy(() -> HexJson.quantity(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HexJson.quantity(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldWriteAddressesWithTheirChecksum() {
    assertThat(HexJson.address(Address.fromHex("0x4337084d9e255ff0702461cf8895ce9e3b5ff108")))
        .isEqualTo("0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108");
  }

  @Test
  void shouldReadA32ByteHashNamingTheParameterOnError() {
    String hash = "0x" + "ab".repeat(32);

    assertThat(HexJson.bytes32(TextNode.valueOf(hash), "parameter 'userOpHash'")).isEqualTo(Bytes32.fromHex(hash));
    assertThatThrownBy(() -> HexJson.bytes32(TextNode.valueOf("0x" + "ab".repeat(31)), "parameter 'userOpHash'"))
        .isInstanceOf(RpcException.class)
        .hasMessage("invalid parameter 'userOpHash': must be 32 bytes, got 31");
  }

  @Test
  void shouldReadPaddedNumbersWithOddDigitCounts() {
    assertThat(HexJson.paddedNumber(TextNode.valueOf("0x0001"), 8, "x")).isEqualTo(BigInteger.ONE);
    assertThat(HexJson.paddedNumber(TextNode.valueOf("0xabc"), 16, "x")).isEqualTo(BigInteger.valueOf(0xabc));
    assertThatThrownBy(() -> HexJson.paddedNumber(TextNode.valueOf("0x100"), 8, "x"))
        .hasMessage("invalid x: exceeds uint8");
  }
}
