package io.seed.bundler.core.node;

import java.util.Objects;

/** Which block a state query reads: a named tag or a block number. */
public record BlockTag(String value) {
  /** The most recent block. */
  public static final BlockTag LATEST = new BlockTag("latest");

  /** The block being built, including pending transactions. */
  public static final BlockTag PENDING = new BlockTag("pending");

  /** The genesis block. */
  public static final BlockTag EARLIEST = new BlockTag("earliest");

  public BlockTag {
    Objects.requireNonNull(value, "value");
  }

  /** The block with this number. */
  public static BlockTag number(long blockNumber) {
    return new BlockTag(Quantity.encode(blockNumber));
  }

  @Override
  public String toString() {
    return value;
  }
}
