package io.seed.bundler.mempool;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The field encodings the store's binary records share: unsigned integers as a length byte and
 * that many big-endian magnitude bytes, byte strings as a 4-byte length and the bytes, addresses
 * as their 20 bytes, EntryPoint releases as stable codes.
 */
final class BinaryCodec {
  private BinaryCodec() {}

  /** Stable codes for the releases; never the enum ordinal, which moves when releases are added. */
  static int releaseCode(EntryPointVersion version) {
    return switch (version) {
      case V0_6 -> 6;
      case V0_7 -> 7;
      case V0_8 -> 8;
    };
  }

  static EntryPointVersion release(int code) {
    return switch (code) {
      case 6 -> EntryPointVersion.V0_6;
      case 7 -> EntryPointVersion.V0_7;
      case 8 -> EntryPointVersion.V0_8;
      default -> throw new IllegalArgumentException("unknown EntryPoint release code " + code);
    };
  }

  static void writeUints(DataOutputStream out, BigInteger... values) throws IOException {
    for (BigInteger value : values) {
      writeUint(out, value);
    }
  }

  static void writeUint(DataOutputStream out, BigInteger value) throws IOException {
    if (value.signum() == 0) {
      out.writeByte(0);
      return;
    }
    byte[] raw = value.toByteArray();
    int skip = raw[0] == 0 ? 1 : 0;
    out.writeByte(raw.length - skip);
    out.write(raw, skip, raw.length - skip);
  }

  static BigInteger readUint(DataInputStream in) throws IOException {
    int length = in.readUnsignedByte();
    if (length > Bytes32.LENGTH) {
      throw new IllegalArgumentException("integer of " + length + " bytes");
    }
    return new BigInteger(1, readFully(in, length));
  }

  static void writeBytes(DataOutputStream out, Bytes value) throws IOException {
    out.writeInt(value.length());
    out.write(value.toArray());
  }

  static Bytes readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("byte string of " + length + " bytes overruns the record");
    }
    return Bytes.wrap(readFully(in, length));
  }

  static Address readAddress(DataInputStream in) throws IOException {
    return Address.of(readFully(in, Address.LENGTH));
  }

  static Bytes32 readBytes32(DataInputStream in) throws IOException {
    return Bytes32.of(readFully(in, Bytes32.LENGTH));
  }

  static byte[] readFully(DataInputStream in, int length) throws IOException {
    byte[] out = new byte[length];
    in.readFully(out);
    return out;
  }
}
