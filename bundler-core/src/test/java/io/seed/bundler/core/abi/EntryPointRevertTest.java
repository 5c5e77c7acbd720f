package io.seed.bundler.core.abi;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.EntryPointRevert.ErrorMessage;
import io.seed.bundler.core.abi.EntryPointRevert.FailedOp;
import io.seed.bundler.core.abi.EntryPointRevert.FailedOpWithRevert;
import io.seed.bundler.core.abi.EntryPointRevert.Panic;
import io.seed.bundler.core.abi.EntryPointRevert.Unrecognized;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EntryPointRevertTest {

  @Test
  void shouldDecodeFailedOp() {
    assertThat(EntryPointRevert.decode(EntryPointVectors.get("failedop")))
        .isEqualTo(new FailedOp(BigInteger.ZERO, "AA25 invalid account nonce"));
  }

  @Test
  void shouldDecodeFailedOpWithRevertAndDescribeTheInnerReason() {
    EntryPointRevert revert = EntryPointRevert.decode(EntryPointVectors.get("failedopwr"));

    assertThat(revert)
        .isEqualTo(
            new FailedOpWithRevert(
                BigInteger.TWO, "AA23 reverted", EntryPointVectors.get("inner")));
    assertThat(((FailedOpWithRevert) revert).innerRevert()).isEqualTo(new ErrorMessage("boom"));
    assertThat(revert.describe()).isEqualTo("AA23 reverted: boom");
  }

  @Test
  void shouldDecodeErrorString() {
    assertThat(EntryPointRevert.decode(EntryPointVectors.get("inner")))
        .isEqualTo(new ErrorMessage("boom"));
  }

  @Test
  void shouldDecodePanic() {
    EntryPointRevert revert = EntryPointRevert.decode(EntryPointVectors.get("panic"));
    assertThat(revert).isEqualTo(new Panic(BigInteger.valueOf(0x11)));
    assertThat(revert.describe()).isEqualTo("panic 0x11");
  }

  @Test
  void shouldKeepUnknownAndMalformedDataRaw() {
    Bytes custom = Bytes.fromHex("0x12345678aabb");
    Bytes brokenFailedOp = EntryPointVectors.get("failedop").slice(0, 40);

    assertThat(EntryPointRevert.decode(custom)).isEqualTo(new Unrecognized(custom));
    assertThat(EntryPointRevert.decode(brokenFailedOp)).isEqualTo(new Unrecognized(brokenFailedOp));
    assertThat(EntryPointRevert.decode(Bytes.EMPTY).describe()).isEqualTo("reverted without data");
  }
}
