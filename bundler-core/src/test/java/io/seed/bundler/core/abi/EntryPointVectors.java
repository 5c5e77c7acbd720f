package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Encodings made by viem from the EntryPoint ABI, kept in {@code abi/entrypoint-vectors.properties}. */
final class EntryPointVectors {
  private static final Properties VECTORS = load();

  private EntryPointVectors() {}

  static Bytes get(String name) {
    String hex = VECTORS.getProperty(name);
    if (hex == null) {
      throw new IllegalArgumentException("no vector " + name);
    }
    return Bytes.fromHex(hex);
  }

  private static Properties load() {
    try (InputStream in =
        EntryPointVectors.class.getResourceAsStream("/abi/entrypoint-vectors.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
