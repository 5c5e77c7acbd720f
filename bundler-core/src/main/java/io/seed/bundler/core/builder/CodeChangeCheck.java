package io.seed.bundler.core.builder;

import io.seed.bundler.core.erc7562.CodeHashReader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ERC-7562 COD-010: finds the pooled operations whose validation touched a contract whose code has
 * changed since, which must not be bundled.
 */
@FunctionalInterface
interface CodeChangeCheck {

  /** The hashes of those {@code entries} whose recorded code hashes differ from the chain's now. */
  List<Bytes32> changed(List<PoolEntry> entries);

  /** The check against the chain: one {@code eth_call} for all entries' addresses, none if none. */
  static CodeChangeCheck onChain(EthApi eth) {
    CodeHashReader reader = new CodeHashReader(eth);
    return entries -> {
      Set<Address> addresses = new HashSet<>();
      entries.forEach(entry -> addresses.addAll(entry.codeHashes().hashes().keySet()));
      CodeHashes now = NodeFutures.await(reader.read(addresses));
      return entries.stream()
          .filter(
              entry ->
                  entry.codeHashes().hashes().entrySet().stream()
                      .anyMatch(recorded -> !recorded.getValue().equals(now.hashes().get(recorded.getKey()))))
          .map(PoolEntry::userOpHash)
          .toList();
    };
  }
}
