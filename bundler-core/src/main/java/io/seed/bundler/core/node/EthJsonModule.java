package io.seed.bundler.core.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.io.IOException;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * The one place where our value types become node JSON: {@code Address}, {@code Bytes32} and
 * {@code Bytes} as {@code 0x} hex data (also as map keys), {@code BigInteger} as a hex quantity,
 * {@link BlockTag} as its tag and {@link StateOverrideSet} as the node's override object.
 */
public final class EthJsonModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** A module ready to register on an {@code ObjectMapper}. */
  public EthJsonModule() {
    super("EthJsonModule");
    addSerializer(Address.class, text(Address::toHex));
    addSerializer(Bytes32.class, text(Bytes32::toHex));
    addSerializer(Bytes.class, text(Bytes::toHex));
    addSerializer(BigInteger.class, text(Quantity::encode));
    addSerializer(BlockTag.class, text(BlockTag::value));
    addKeySerializer(Address.class, key(Address::toHex));
    addKeySerializer(Bytes32.class, key(Bytes32::toHex));
    addSerializer(
        StateOverrideSet.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(
              StateOverrideSet value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            provider.defaultSerializeValue(value.accounts(), generator);
          }
        });
  }

  /**
   * A mapper with this module that leaves out {@code null} members, so optional fields of request
   * records (a call's {@code from}, an override's {@code code}) are simply absent.
   */
  public static ObjectMapper newObjectMapper() {
    return new ObjectMapper()
        .registerModule(new EthJsonModule())
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  private static <T> JsonSerializer<T> text(Function<T, String> toText) {
    return new HexSerializer<>(toText, false);
  }

  private static <T> JsonSerializer<T> key(Function<T, String> toText) {
    return new HexSerializer<>(toText, true);
  }

  /** Writes a value as its text, either as a JSON string or as an object member name. */
  private static final class HexSerializer<T> extends JsonSerializer<T> {
    private final Function<T, String> toText;
    private final boolean asKey;

    HexSerializer(Function<T, String> toText, boolean asKey) {
      this.toText = toText;
      this.asKey = asKey;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (asKey) {
        generator.writeFieldName(toText.apply(value));
      } else {
        generator.writeString(toText.apply(value));
      }
    }
  }
}
