package io.seed.bundler.rpc.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.sessionkey.kernel.Abi;
import io.seed.bundler.core.sessionkey.kernel.KernelChain;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations;
import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Rule;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import io.seed.bundler.rpc.wire.UserOperationJson;
import io.seed.bundler.rpc.wire.UserOperationJsonLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Session-key pre-validation end to end: a whole {@link BundlerNode} over HTTP on anvil with
 * Kernel v3.1 and our ZeroDev-compatible policies at the SDK's addresses, a Kernel account whose
 * session key may only {@code transfer} one token to anyone up to a limit within a time window.
 * The enable-mode operation and in-scope operations are accepted and mined; out-of-scope, wrongly
 * signed and expired ones (a permission whose window has closed) are refused with the codes of
 * ERC-7769 and a message naming the rule, without a single request to the Ethereum node. The chain watcher and the builder poll once an
 * hour and the builder is in manual mode, so nothing else uses the node while a refused operation
 * is sent; that the counter does move for an accepted operation shows it counts.
 */
class SessionKeyPrevalidationIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NODE_REQUESTS =
      Pattern.compile("^bundler_node_requests_total (\\d+)$", Pattern.MULTILINE);
  private static final int TRANSFER = 0xa9059cbb;
  private static final int APPROVE = 0x095ea7b3;
  private static final BigInteger LIMIT = BigInteger.valueOf(1_000_000);
  private static final Address TOKEN = Address.fromHex("0x7e57000000000000000000000000000000000001");
  private static final Address RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000a001");
  private static final Bytes PERMISSION_ID = Bytes.fromHex("0x5e55a001");
  private static final Bytes EXPIRED_PERMISSION_ID = Bytes.fromHex("0x5e55a002");
  private static final ECKeyPair OWNER = ECKeyPair.create(BigInteger.valueOf(0x0e1));
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e55));
  private static final ECKeyPair STRANGER = ECKeyPair.create(BigInteger.valueOf(0xbad));
  private static final long VALID_SECONDS = 86_400;

  @TempDir Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final UserOperationJson wire = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);

  @Test
  void shouldMineInScopeOperationsAndRefuseTheRestWithoutAskingTheNode() throws Exception {
    EntryPoint entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    KernelChain chain = KernelChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint);
    chain.install(TOKEN, "sessionkey/TestToken");
    Address account = chain.createAccount(address(OWNER), Bytes32.ZERO, BigInteger.TEN.pow(21));
    chain.transact(TOKEN, CallData.call(0x40c10f19, CallData.word(account), BigInteger.TEN.pow(24)));
    long now = ANVIL.eth().latestBlock().join().timestamp();
    KernelOperations operations = new KernelOperations(entryPoint, ANVIL.chainId());

    try (BundlerNode node = BundlerNode.start(config(entryPoint), Clock.systemUTC())) {
      URI rpc = URI.create("http://127.0.0.1:" + node.address().getPort());

      assertMined(rpc, send(rpc, enable(operations, chain, account, PERMISSION_ID,
          now - 3_600, now + VALID_SECONDS), entryPoint));

      BigInteger sessionNonce = KernelOperations.nonce(KernelOperations.MODE_DEFAULT, PERMISSION_ID);
      for (int sequence = 0; sequence < 2; sequence++) {
        long before = nodeRequests(rpc);
        JsonNode accepted = send(rpc,
            signed(operations, account, sessionNonce.add(BigInteger.valueOf(sequence)),
                transfer(LIMIT.longValueExact()), SESSION), entryPoint);
        assertThat(nodeRequests(rpc)).as("an accepted operation is simulated").isGreaterThan(before);
        assertMined(rpc, accepted);
      }
      assertThat(balanceOf(chain, RECIPIENT)).isEqualTo(LIMIT.multiply(BigInteger.TWO).add(BigInteger.TEN));

      BigInteger next = sessionNonce.add(BigInteger.TWO);
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          signed(operations, account, next, transfer(LIMIT.longValueExact() + 1), SESSION),
          -32500, "session key: call 0 to " + TOKEN + " selector 0xa9059cbb");
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          signed(operations, account, next, single(CallData.call(APPROVE,
              CallData.word(RECIPIENT), BigInteger.ONE)), SESSION),
          -32500, "selector 0x095ea7b3: not permitted by the call policy");
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          signed(operations, account, next, transfer(1), STRANGER),
          -32507, "session key: signature does not match the grant");
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          enable(operations, chain, account, EXPIRED_PERMISSION_ID, now - 7_200, now - 3_600),
          -32503, "session key: valid until " + (now - 3_600));
    }
  }

  /**
   * An enable-mode operation of {@code permissionId}: a transfer of 10 within the transfer limit,
   * valid from {@code validAfter} to {@code validUntil}, approved by the owner.
   */
  private static PackedUserOperation enable(KernelOperations operations, KernelChain chain,
      Address account, Bytes permissionId, long validAfter, long validUntil) {
    Bytes permission = KernelPermissionData.validatorData(
        List.of(
            new Module(0, KernelChain.CALL_POLICY, KernelPermissionData.callPolicy(List.of(
                new CallPermission(CallType.CALL, TOKEN, TRANSFER, BigInteger.ZERO, List.of(
                    Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, LIMIT)))))),
            new Module(0, KernelChain.TIMESTAMP_POLICY,
                KernelPermissionData.timestamp(validAfter, validUntil))),
        new Module(0, KernelChain.ECDSA_SIGNER, address(SESSION).toBytes()));
    PackedUserOperation op = unsigned(account,
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, permissionId), transfer(10));
    return op.withSignature(operations.enableSignature(account, permissionId, permission,
        chain.currentNonce(account), OWNER, sessionSignature(operations, op, SESSION)));
  }

  private void assertRefusedWithoutNodeRequest(URI rpc, EntryPoint entryPoint,
      PackedUserOperation op, int code, String message) throws Exception {
    long before = nodeRequests(rpc);
    JsonNode response = send(rpc, op, entryPoint);
    long after = nodeRequests(rpc);
    assertThat(response.path("error").path("code").asInt()).as("%s", response).isEqualTo(code);
    assertThat(response.path("error").path("message").asText()).contains(message);
    assertThat(after - before).as("node requests while refusing %s", response).isZero();
  }

  private void assertMined(URI rpc, JsonNode sent) throws Exception {
    assertThat(sent.has("result")).as("%s", sent).isTrue();
    JsonNode bundle = call(rpc, "debug_bundler_sendBundleNow");
    assertThat(bundle.has("result")).as("%s", bundle).isTrue();
    JsonNode receipt = call(rpc, "eth_getUserOperationReceipt", sent.get("result").asText());
    assertThat(receipt.path("result").path("success").asBoolean()).as("%s", receipt).isTrue();
  }

  private JsonNode send(URI rpc, PackedUserOperation op, EntryPoint entryPoint) throws Exception {
    return call(rpc, "eth_sendUserOperation", wire.format(op), entryPoint.address().toString());
  }

  private JsonNode call(URI rpc, String method, Object... params) throws Exception {
    ObjectNode request = JSON.createObjectNode()
        .put("jsonrpc", "2.0").put("id", 1).put("method", method);
    request.set("params", JSON.valueToTree(params));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(rpc)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private long nodeRequests(URI rpc) throws IOException, InterruptedException {
    String metrics = http.send(HttpRequest.newBuilder(rpc.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher matcher = NODE_REQUESTS.matcher(metrics);
    assertThat(matcher.find()).as(metrics).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static PackedUserOperation signed(KernelOperations operations, Address account,
      BigInteger nonce, Bytes callData, ECKeyPair key) {
    PackedUserOperation op = unsigned(account, nonce, callData);
    return op.withSignature(sessionSignature(operations, op, key));
  }

  /** Kernel's permission signature with no policy signatures: {@code 0xff ‖ signer's}. */
  private static Bytes sessionSignature(KernelOperations operations, PackedUserOperation op,
      ECKeyPair key) {
    return Bytes.concat(Bytes.fromHex("0xff"), operations.sign(op, key, SignatureStyle.EIP191));
  }

  /** Verification gas enough for the enable-mode operation, which installs the permission. */
  private static PackedUserOperation unsigned(Address account, BigInteger nonce, Bytes callData) {
    return new PackedUserOperation(account, nonce, null, Bytes.EMPTY, callData,
        BigInteger.valueOf(300_000), BigInteger.valueOf(3_000_000), BigInteger.valueOf(200_000),
        BigInteger.valueOf(5_000_000_000L), BigInteger.valueOf(1_000_000_000L), null,
        BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
  }

  private static Bytes transfer(long amount) {
    return single(CallData.call(TRANSFER, CallData.word(RECIPIENT), BigInteger.valueOf(amount)));
  }

  private static Bytes single(Bytes tokenCall) {
    return CallData.single(TOKEN, BigInteger.ZERO, tokenCall);
  }

  private static BigInteger balanceOf(KernelChain chain, Address holder) {
    return new BigInteger(1,
        chain.call(TOKEN, Abi.call("balanceOf(address)", Abi.address(holder))).toArray());
  }

  private static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }

  private BundlerNodeConfig config(EntryPoint entryPoint) {
    return new BundlerNodeConfig(
        ANVIL.chain().url(), List.of(entryPoint), AnvilAccounts.privateKey(8).toHex(),
        JsonRpcServerConfig.defaults().withAddress("127.0.0.1", 0), dataDirectory,
        SyncMode.DURABLE, MempoolConfig.defaults(), ReputationConfig.defaults(),
        BundlingMode.MANUAL, BigInteger.valueOf(1_000_000_000L), Duration.ofHours(1), true);
  }
}
