package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * ABI encoding of nested values (tuples, dynamic arrays, bytes) for building test calldata and
 * module install data, the way {@code abi.encode} lays them out: heads, then the tails of dynamic
 * members.
 */
public final class Abi {
  private Abi() {}

  /** An ABI value. */
  public sealed interface Value {
    boolean dynamic();
  }

  /** A 32-byte static word. */
  public record Word(Bytes32 word) implements Value {
    @Override
    public boolean dynamic() {
      return false;
    }
  }

  /** {@code bytes}. */
  public record DynamicBytes(Bytes bytes) implements Value {
    @Override
    public boolean dynamic() {
      return true;
    }
  }

  /** A tuple (struct), dynamic when a member is. */
  public record Tuple(List<Value> members) implements Value {
    @Override
    public boolean dynamic() {
      return members.stream().anyMatch(Value::dynamic);
    }
  }

  /** {@code T[]}. */
  public record Array(List<Value> elements) implements Value {
    @Override
    public boolean dynamic() {
      return true;
    }
  }

  public static Value uint(long value) {
    return uint(BigInteger.valueOf(value));
  }

  public static Value uint(BigInteger value) {
    return new Word(Bytes32.fromUint(value));
  }

  public static Value address(Address address) {
    return uint(new BigInteger(1, address.toArray()));
  }

  /** A {@code bytesN} value, left-aligned. */
  public static Value fixedBytes(Bytes value) {
    byte[] word = new byte[32];
    value.copyTo(word, 0);
    return new Word(Bytes32.of(word));
  }

  public static Value bytes(Bytes value) {
    return new DynamicBytes(value);
  }

  public static Value tuple(Value... members) {
    return new Tuple(List.of(members));
  }

  public static Value array(List<? extends Value> elements) {
    return new Array(List.copyOf(elements));
  }

  /** {@code abi.encode(values...)}. */
  public static Bytes encode(Value... values) {
    return Bytes.wrap(tuple(List.of(values)));
  }

  /** A call: the selector of {@code signature} then {@code abi.encode(arguments...)}. */
  public static Bytes call(String signature, Value... arguments) {
    return Bytes.concat(selector(signature), encode(arguments));
  }

  public static Bytes selector(String signature) {
    return Bytes.wrap(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .slice(0, 4);
  }

  private static byte[] tuple(List<Value> members) {
    int headSize = 0;
    for (Value member : members) {
      headSize += member.dynamic() ? 32 : staticSize(member);
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    for (Value member : members) {
      if (member.dynamic()) {
        head.writeBytes(Bytes32.fromUint(BigInteger.valueOf(headSize + tail.size())).toArray());
        tail.writeBytes(encoded(member));
      } else {
        head.writeBytes(encoded(member));
      }
    }
    head.writeBytes(tail.toByteArray());
    return head.toByteArray();
  }

  private static byte[] encoded(Value value) {
    return switch (value) {
      case Word word -> word.word().toArray();
      case Tuple tuple -> tuple(tuple.members());
      case DynamicBytes bytes -> {
        int padded = (bytes.bytes().length() + 31) / 32 * 32;
        byte[] out = new byte[32 + padded];
        Bytes32.fromUint(BigInteger.valueOf(bytes.bytes().length())).copyTo(out, 0);
        bytes.bytes().copyTo(out, 32);
        yield out;
      }
      case Array array -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Bytes32.fromUint(BigInteger.valueOf(array.elements().size())).toArray());
        out.writeBytes(tuple(array.elements()));
        yield out.toByteArray();
      }
    };
  }

  private static int staticSize(Value value) {
    return switch (value) {
      case Word word -> 32;
      case Tuple tuple -> tuple.members().stream().mapToInt(Abi::staticSize).sum();
      case DynamicBytes bytes -> throw new IllegalStateException("bytes is dynamic");
      case Array array -> throw new IllegalStateException("T[] is dynamic");
    };
  }
}
