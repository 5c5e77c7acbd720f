package io.seed.bundler.core.abi;

import io.seed.bundler.core.abi.EntryPointRevert.ErrorMessage;
import io.seed.bundler.core.abi.EntryPointRevert.FailedOp;
import io.seed.bundler.core.abi.EntryPointRevert.FailedOpWithRevert;
import io.seed.bundler.core.abi.EntryPointRevert.Panic;
import io.seed.bundler.core.abi.EntryPointRevert.SenderAddressResult;
import io.seed.bundler.core.abi.EntryPointRevert.Unrecognized;
import io.seed.bundler.core.types.Bytes;
import java.nio.charset.StandardCharsets;

/** Turns revert data into an {@link EntryPointRevert} by its selector. */
final class RevertDecoder {
  private static final Bytes FAILED_OP = Selectors.of(FailedOp.SIGNATURE);
  private static final Bytes FAILED_OP_WITH_REVERT = Selectors.of(FailedOpWithRevert.SIGNATURE);
  private static final Bytes ERROR = Selectors.of(ErrorMessage.SIGNATURE);
  private static final Bytes PANIC = Selectors.of(Panic.SIGNATURE);
  private static final Bytes SENDER_ADDRESS_RESULT = Selectors.of(SenderAddressResult.SIGNATURE);

  private RevertDecoder() {}

  static EntryPointRevert decode(Bytes data) {
    if (data.length() < 4) {
      return new Unrecognized(data);
    }
    Bytes selector = data.slice(0, 4);
    AbiReader args = AbiReader.of(data.slice(4, data.length()));
    try {
      if (selector.equals(FAILED_OP)) {
        return new FailedOp(args.uint(0), text(args, 32));
      }
      if (selector.equals(FAILED_OP_WITH_REVERT)) {
        return new FailedOpWithRevert(args.uint(0), text(args, 32), args.dynamicBytes(64));
      }
      if (selector.equals(ERROR)) {
        return new ErrorMessage(text(args, 0));
      }
      if (selector.equals(PANIC)) {
        return new Panic(args.uint(0));
      }
      if (selector.equals(SENDER_ADDRESS_RESULT)) {
        return new SenderAddressResult(args.address(0));
      }
    } catch (AbiDecodingException malformed) {
      return new Unrecognized(data);
    }
    return new Unrecognized(data);
  }

  private static String text(AbiReader args, int headOffset) {
    return new String(args.dynamicBytes(headOffset).toArray(), StandardCharsets.UTF_8);
  }
}
