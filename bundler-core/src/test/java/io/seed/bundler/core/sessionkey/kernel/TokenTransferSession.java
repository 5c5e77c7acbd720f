package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.sessionkey.kernel.KernelOperations.SignatureStyle;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.CallPermission;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Module;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionData.Rule;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * The session most end-to-end checks use: a Kernel v3.1 account holding a test token, whose
 * session key may only {@code transfer} that token, to anyone, up to a limit per call, within a
 * time window. Operations carry generous fixed gas (enough for the enable-mode operation, which
 * installs the permission) and are signed as the ZeroDev signer expects ({@code 0xff ‖ EIP-191
 * signature}, no policy signatures).
 */
public final class TokenTransferSession {
  /** {@code transfer(address,uint256)}. */
  public static final int TRANSFER = 0xa9059cbb;
  /** {@code approve(address,uint256)}, which the session does not permit. */
  public static final int APPROVE = 0x095ea7b3;
  private static final int MINT = 0x40c10f19;
  private static final BigInteger ACCOUNT_WEI = BigInteger.TEN.pow(21);
  private static final BigInteger TOKEN_BALANCE = BigInteger.TEN.pow(24);

  private final KernelChain chain;
  private final KernelOperations operations;
  private final Address token;
  private final Address account;
  private final ECKeyPair owner;
  private final ECKeyPair sessionKey;
  private final BigInteger limit;

  private TokenTransferSession(KernelChain chain, KernelOperations operations, Address token,
      Address account, ECKeyPair owner, ECKeyPair sessionKey, BigInteger limit) {
    this.chain = chain;
    this.operations = operations;
    this.token = token;
    this.account = account;
    this.owner = owner;
    this.sessionKey = sessionKey;
    this.limit = limit;
  }

  /**
   * Puts the test token at {@code token} on {@code chain}, creates {@code owner}'s account with
   * ether for gas and a token balance, and returns the session whose key {@code sessionKey} may
   * transfer at most {@code limit} per call.
   */
  public static TokenTransferSession create(KernelChain chain, EntryPoint entryPoint, long chainId,
      Address token, ECKeyPair owner, ECKeyPair sessionKey, BigInteger limit) {
    chain.install(token, "sessionkey/TestToken");
    Address account = chain.createAccount(address(owner), Bytes32.ZERO, ACCOUNT_WEI);
    chain.transact(token, CallData.call(MINT, CallData.word(account), TOKEN_BALANCE));
    return new TokenTransferSession(chain, new KernelOperations(entryPoint, chainId),
        Objects.requireNonNull(token), account, owner, sessionKey, limit);
  }

  /** The session's account. */
  public Address account() {
    return account;
  }

  /** The token the session may transfer. */
  public Address token() {
    return token;
  }

  /** The largest amount one transfer may move. */
  public BigInteger limit() {
    return limit;
  }

  /**
   * The enable-mode operation of {@code permissionId}, valid from {@code validAfter} to {@code
   * validUntil}: it installs the permission (approved by the owner) and transfers 10 to {@code
   * recipient}, signed by the session key.
   */
  public PackedUserOperation enable(Bytes permissionId, long validAfter, long validUntil,
      Address recipient) {
    Bytes permission = KernelPermissionData.validatorData(
        List.of(
            new Module(0, KernelChain.CALL_POLICY, KernelPermissionData.callPolicy(List.of(
                new CallPermission(CallType.CALL, token, TRANSFER, BigInteger.ZERO, List.of(
                    Rule.of(Condition.LESS_THAN_OR_EQUAL, 32, limit)))))),
            new Module(0, KernelChain.TIMESTAMP_POLICY,
                KernelPermissionData.timestamp(validAfter, validUntil))),
        new Module(0, KernelChain.ECDSA_SIGNER, address(sessionKey).toBytes()));
    PackedUserOperation op = unsigned(
        KernelOperations.nonce(KernelOperations.MODE_ENABLE, permissionId),
        transfer(recipient, BigInteger.TEN));
    return op.withSignature(operations.enableSignature(account, permissionId, permission,
        chain.currentNonce(account), owner, sessionSignature(op, sessionKey)));
  }

  /**
   * The {@code sequence}-th operation of the installed permission {@code permissionId}, running
   * {@code callData} and signed by {@code key} (the session key, or another to forge one).
   */
  public PackedUserOperation signed(Bytes permissionId, long sequence, Bytes callData,
      ECKeyPair key) {
    BigInteger nonce = KernelOperations.nonce(KernelOperations.MODE_DEFAULT, permissionId)
        .add(BigInteger.valueOf(sequence));
    PackedUserOperation op = unsigned(nonce, callData);
    return op.withSignature(sessionSignature(op, key));
  }

  /** Signed by the session key: see {@link #signed(Bytes, long, Bytes, ECKeyPair)}. */
  public PackedUserOperation signed(Bytes permissionId, long sequence, Bytes callData) {
    return signed(permissionId, sequence, callData, sessionKey);
  }

  /**
   * The {@code sequence}-th operation of the owner through the root validator (nonce key 0),
   * running {@code callData}: Kernel's own functions, such as uninstalling a permission.
   */
  public PackedUserOperation owned(long sequence, Bytes callData) {
    PackedUserOperation op = unsigned(BigInteger.valueOf(sequence), callData);
    return op.withSignature(operations.sign(op, owner, SignatureStyle.EIP191));
  }

  /** The account's {@code execute} of one call {@code token.transfer(recipient, amount)}. */
  public Bytes transfer(Address recipient, BigInteger amount) {
    return tokenCall(CallData.call(TRANSFER, CallData.word(recipient), amount));
  }

  /** The account's {@code execute} of one call of the token with {@code data}. */
  public Bytes tokenCall(Bytes data) {
    return CallData.single(token, BigInteger.ZERO, data);
  }

  /** The token balance of {@code holder}, read from the chain. */
  public BigInteger balanceOf(Address holder) {
    return new BigInteger(1,
        chain.call(token, Abi.call("balanceOf(address)", Abi.address(holder))).toArray());
  }

  /**
   * Gas a bundler accepts for every operation of the session, the enable-mode one included: its
   * signature carries the whole permission, so preVerificationGas is well above a plain call's.
   */
  private PackedUserOperation unsigned(BigInteger nonce, Bytes callData) {
    return new PackedUserOperation(account, nonce, null, Bytes.EMPTY, callData,
        BigInteger.valueOf(300_000), BigInteger.valueOf(3_000_000), BigInteger.valueOf(200_000),
        BigInteger.valueOf(5_000_000_000L), BigInteger.valueOf(1_000_000_000L), null,
        BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
  }

  private Bytes sessionSignature(PackedUserOperation op, ECKeyPair key) {
    return Bytes.concat(Bytes.fromHex("0xff"), operations.sign(op, key, SignatureStyle.EIP191));
  }

  /** The address of {@code key}. */
  public static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }
}
