package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loaders of several formats combined into the one the pre-validator asks. */
class GrantLoaderTest {
  @Test
  void shouldHandEveryKeyToEachLoaderInOrder() {
    List<String> asked = new ArrayList<>();
    GrantLoader kernel = (key, op) -> asked.add("kernel " + key.grantId());
    GrantLoader smartSessions = (key, op) -> asked.add("smart sessions " + key.grantId());
    GrantKey key = new GrantKey(1, Address.ZERO, Address.ZERO, Address.ZERO,
        Bytes.fromHex("0x01020304"));
    PackedUserOperation op = new PackedUserOperation(Address.ZERO, BigInteger.ZERO, null,
        Bytes.EMPTY, Bytes.EMPTY, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE,
        BigInteger.ONE, null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);

    GrantLoader.all(List.of(kernel, smartSessions)).load(key, op);

    assertThat(asked).containsExactly("kernel 0x01020304", "smart sessions 0x01020304");
  }
}
