package io.seed.bundler.core.abi;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EntryPointQueryCodecTest {

  @Test
  void shouldEncodeGetNonceAsViemDoes() {
    assertThat(
            EntryPointQueryCodec.encodeGetNonce(
                Address.fromHex("0x2222222222222222222222222222222222222222"),
                BigInteger.valueOf(7)))
        .isEqualTo(EntryPointVectors.get("nonce"));
  }

  @Test
  void shouldDecodeDepositInfo() {
    assertThat(EntryPointQueryCodec.decodeDepositInfo(EntryPointVectors.get("dep")))
        .isEqualTo(new DepositInfo(BigInteger.valueOf(99), true, BigInteger.valueOf(1000), 86_400, 0));
  }
}
