package io.seed.bundler.core.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The filter of {@code eth_getLogs}: a block range, the emitting contracts (any when empty) and
 * per topic position the accepted values ({@code null} or an empty list at a position accepts
 * any value there).
 */
public record LogFilter(
    BlockTag fromBlock,
    BlockTag toBlock,
    @JsonProperty("address") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Address> addresses,
    List<List<Bytes32>> topics) {

  public LogFilter {
    Objects.requireNonNull(fromBlock, "fromBlock");
    Objects.requireNonNull(toBlock, "toBlock");
    addresses = List.copyOf(addresses);
    List<List<Bytes32>> copied = new ArrayList<>(topics.size());
    for (List<Bytes32> position : topics) {
      copied.add(position == null || position.isEmpty() ? null : List.copyOf(position));
    }
    topics = Collections.unmodifiableList(copied);
  }
}
