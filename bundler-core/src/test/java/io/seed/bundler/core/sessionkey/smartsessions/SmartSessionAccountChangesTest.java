package io.seed.bundler.core.sessionkey.smartsessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.sessionkey.GrantChange;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class SmartSessionAccountChangesTest {
  private static final EntryPoint V07 = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final Address SAFE = Address.fromHex("0x5afe000000000000000000000000000000000001");
  private static final Address MODULE =
      Address.fromHex("0x00000000008bDABA73cD9815d79069c247Eb4bDA");
  private static final Bytes32 PERMISSION = Bytes32.fromUint(BigInteger.valueOf(0x5e55));
  private static final SmartSessionAccountChanges READER =
      new SmartSessionAccountChanges(SmartSessionContracts.rhinestoneDeployments());

  private static List<GrantChange> changes(Call... calls) {
    PackedUserOperation op = new PackedUserOperation(SAFE, BigInteger.ZERO, null, Bytes.EMPTY,
        CallData.batch(calls), BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE,
        BigInteger.ONE, null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
    return READER.changes(op, V07, 1);
  }

  private static Call toModule(String signature, Bytes arguments) {
    Bytes selector =
        Bytes.wrap(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII))).slice(0, 4);
    return new Call(CallType.CALL, MODULE, BigInteger.ZERO, Bytes.concat(selector, arguments));
  }

  @Test
  void shouldDisableTheSessionAnAccountRemoved() {
    List<GrantChange> changes =
        changes(toModule("removeSession(bytes32)", Bytes.wrap(PERMISSION.toArray())));

    assertThat(changes).containsExactly(new GrantChange.Uninstalled(
        new GrantKey(1, V07.address(), SAFE, MODULE, Bytes.wrap(PERMISSION.toArray()))));
  }

  @Test
  void shouldForgetTheAccountsSessionsOnAnyOtherCallToTheModuleOnly() {
    Call revoke = toModule("revokeEnableSignature(bytes32)", Bytes.wrap(PERMISSION.toArray()));
    Call elsewhere = new Call(CallType.CALL, SAFE, BigInteger.ZERO, Bytes.fromHex("0x12345678"));

    assertThat(changes(elsewhere, revoke))
        .containsExactly(new GrantChange.AccountReconfigured(SAFE));
    assertThat(changes(elsewhere)).isEmpty();
  }
}
