package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.node.AccountOverride;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the {@code EXTCODEHASH} of many addresses in one {@code eth_call}: a tiny contract, put in
 * place by state override, answers the hash of each address word in its call data [COD-010].
 */
public final class CodeHashReader {
  /** Where the reader's code is overridden in; no contract lives there. */
  static final Address READER = Address.fromHex("0xc0de7562c0de7562c0de7562c0de7562c0de7562");

  /*
   * for (i = 0; i < calldatasize; i += 32) mstore(i, extcodehash(calldataload(i)));
   * return(0, calldatasize)
   */
  static final Bytes CODE = Bytes.fromHex("0x60005b8036111560155780353f81526020016002565b366000f3");

  private static final StateOverrideSet OVERRIDE =
      StateOverrideSet.of(READER, AccountOverride.code(CODE));

  private final EthApi eth;

  /** Reads through {@code eth}. */
  public CodeHashReader(EthApi eth) {
    this.eth = Objects.requireNonNull(eth, "eth");
  }

  /** The current code hashes of {@code addresses}; no request when there are none. */
  public CompletableFuture<CodeHashes> read(Collection<Address> addresses) {
    if (addresses.isEmpty()) {
      return CompletableFuture.completedFuture(CodeHashes.NONE);
    }
    List<Address> ordered = new ArrayList<>(addresses);
    byte[] callData = new byte[ordered.size() * Bytes32.LENGTH];
    for (int i = 0; i < ordered.size(); i++) {
      System.arraycopy(
          ordered.get(i).toArray(), 0, callData,
          i * Bytes32.LENGTH + Bytes32.LENGTH - Address.LENGTH, Address.LENGTH);
    }
    return eth.ethCall(CallRequest.to(READER, Bytes.wrap(callData)), BlockTag.LATEST, OVERRIDE)
        .thenApply(
            answer -> {
              if (answer.length() != callData.length) {
                throw new IllegalStateException(
                    "code hash reader answered " + answer.length() + " bytes for "
                        + ordered.size() + " addresses");
              }
              byte[] words = answer.toArray();
              Map<Address, Bytes32> hashes = new HashMap<>();
              for (int i = 0; i < ordered.size(); i++) {
                hashes.put(ordered.get(i), Bytes32.of(words, i * Bytes32.LENGTH));
              }
              return new CodeHashes(hashes);
            });
  }
}
