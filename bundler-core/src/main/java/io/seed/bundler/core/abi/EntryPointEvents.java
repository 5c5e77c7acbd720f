package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * Topics and decoders of the EntryPoint v0.7 / v0.8 events the bundler reads from receipts and
 * logs. Decoders take a log's topics and data so they work on any log representation.
 */
public final class EntryPointEvents {
  /** Topic 0 of {@link UserOperationEvent}. */
  public static final Bytes32 USER_OPERATION_EVENT =
      topic("UserOperationEvent(bytes32,address,address,uint256,bool,uint256,uint256)");

  /** Topic 0 of {@link UserOperationRevertReason}. */
  public static final Bytes32 USER_OPERATION_REVERT_REASON =
      topic("UserOperationRevertReason(bytes32,address,uint256,bytes)");

  /**
   * Topic 0 of {@code BeforeExecution()}, emitted once per bundle between validation and
   * execution: it opens the span of logs that belongs to the bundle's first operation.
   */
  public static final Bytes32 BEFORE_EXECUTION = topic("BeforeExecution()");

  private EntryPointEvents() {}

  /**
   * Decodes a {@code UserOperationEvent} log.
   *
   * @throws AbiDecodingException when topic 0 differs or topics or data are malformed
   */
  public static UserOperationEvent decodeUserOperationEvent(List<Bytes32> topics, Bytes data) {
    requireTopics(topics, USER_OPERATION_EVENT, 4);
    AbiReader reader = AbiReader.of(data);
    return new UserOperationEvent(
        topics.get(1),
        AbiReader.of(topics.get(2).toArray()).address(0),
        AbiReader.of(topics.get(3).toArray()).address(0),
        reader.uint(0),
        reader.bool(32),
        reader.uint(64),
        reader.uint(96));
  }

  /**
   * Decodes a {@code UserOperationRevertReason} log.
   *
   * @throws AbiDecodingException when topic 0 differs or topics or data are malformed
   */
  public static UserOperationRevertReason decodeUserOperationRevertReason(
      List<Bytes32> topics, Bytes data) {
    requireTopics(topics, USER_OPERATION_REVERT_REASON, 3);
    AbiReader reader = AbiReader.of(data);
    return new UserOperationRevertReason(
        topics.get(1),
        AbiReader.of(topics.get(2).toArray()).address(0),
        reader.uint(0),
        reader.dynamicBytes(32));
  }

  private static void requireTopics(List<Bytes32> topics, Bytes32 signature, int count) {
    if (topics.size() != count || !topics.get(0).equals(signature)) {
      throw new AbiDecodingException("not the event with topic " + signature);
    }
  }

  /** The first topic of the event with {@code eventSignature}, e.g. {@code Upgraded(address)}. */
  public static Bytes32 topic(String eventSignature) {
    return Bytes32.of(Hash.sha3(eventSignature.getBytes(StandardCharsets.US_ASCII)));
  }
}
