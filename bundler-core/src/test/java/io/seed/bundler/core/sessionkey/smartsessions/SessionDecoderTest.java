package io.seed.bundler.core.sessionkey.smartsessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.kernel.Abi;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.Session;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a session's OwnableValidator configuration becomes the grant's signer. */
class SessionDecoderTest {
  private static final Address OWNABLE = SmartSessionChain.OWNABLE_EIP191;
  private static final Address LOW = Address.fromHex("0x000000000000000000000000000000000000a001");
  private static final Address HIGH = Address.fromHex("0x000000000000000000000000000000000000b001");

  private static SessionSigner signerOf(Bytes validatorInit) {
    Session session = new Session(OWNABLE, validatorInit, Bytes32.ZERO, List.of(), List.of(),
        false);
    GrantKey key = new GrantKey(1, Address.ZERO, LOW, SmartSessionChain.SMART_SESSION,
        Bytes.wrap(session.permissionId().toArray()));
    SessionGrant grant = new SessionDecoder(SmartSessionContracts.rhinestoneDeployments())
        .decode(key, AbiReader.of(Abi.encode(session.abi())).tupleAt(0));
    return grant.signer();
  }

  private static Bytes init(long threshold, Address... owners) {
    return Abi.encode(Abi.uint(threshold),
        Abi.array(List.of(owners).stream().map(Abi::address).toList()));
  }

  @Test
  void shouldModelOwnersInAscendingOrder() {
    assertThat(signerOf(init(2, LOW, HIGH)))
        .isEqualTo(new SessionSigner.OwnableSessionKeys(2, List.of(LOW, HIGH)));
  }

  @Test
  void shouldLeaveOwnersOutOfOrderToSimulation() {
    // The validator answers false before reading the signature: no early verdict is right.
    assertThat(signerOf(init(1, HIGH, LOW))).isInstanceOf(SessionSigner.OpaqueSigner.class);
    assertThat(signerOf(init(1, LOW, LOW))).isInstanceOf(SessionSigner.OpaqueSigner.class);
  }

  @Test
  void shouldLeaveThresholdsNoSignatureSetCanMeetToSimulation() {
    assertThat(signerOf(init(0, LOW))).isInstanceOf(SessionSigner.OpaqueSigner.class);
    assertThat(signerOf(init(3, LOW, HIGH))).isInstanceOf(SessionSigner.OpaqueSigner.class);
  }
}
