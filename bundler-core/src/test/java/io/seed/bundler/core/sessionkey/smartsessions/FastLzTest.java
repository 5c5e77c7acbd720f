package io.seed.bundler.core.sessionkey.smartsessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.sessionkey.GoldenVectors;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Hex;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FastLzTest {
  static Stream<JsonNode> vectors() {
    return StreamSupport.stream(GoldenVectors.load("fastlz.json").spliterator(), false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void shouldDecompressWhatSoladyCompressed(JsonNode vector) {
    byte[] compressed = Hex.decode(vector.get("compressed").asText());

    assertThat(FastLz.decompress(compressed))
        .isEqualTo(Hex.decode(vector.get("input").asText()));
  }

  @Test
  void shouldCopyOverlappingMatchesByteByByte() {
    // The literal "ab", then a 12-byte match (9 + 3) starting two bytes back.
    byte[] compressed = {0x01, 'a', 'b', (byte) 0xe0, 3, 1};

    assertThat(new String(FastLz.decompress(compressed))).isEqualTo("ababababababab");
  }

  @Test
  void shouldReadPastTheEndOfTheInputAsZerosAsSoladyDoes() {
    // A literal run of six bytes of which two are present.
    assertThat(FastLz.decompress(new byte[] {0x05, 1, 2})).containsExactly(1, 2, 0, 0, 0, 0);
    // A 3-byte match whose distance byte is cut off: one byte back.
    assertThat(FastLz.decompress(new byte[] {0x00, 7, 0x20})).containsExactly(7, 7, 7, 7);
    // A long match whose length and distance bytes are cut off: nine bytes, one back.
    assertThat(FastLz.decompress(new byte[] {0x00, 7, (byte) 0xe0}))
        .containsExactly(7, 7, 7, 7, 7, 7, 7, 7, 7, 7);
  }

  @Test
  void shouldRefuseMatchesBeforeTheStart() {
    assertThatThrownBy(() -> FastLz.decompress(new byte[] {0x00, 1, 0x20, 5}))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("before the start");
  }

  @Test
  void shouldBoundTheOutput() {
    byte[] bomb = new byte[3 + 3 * 5000];
    bomb[0] = 0x01;
    for (int i = 3; i < bomb.length; i += 3) {
      bomb[i] = (byte) 0xe0;
      bomb[i + 1] = (byte) 0xff;
    }

    assertThatThrownBy(() -> FastLz.decompress(bomb))
        .isInstanceOf(SessionKeyDecodingException.class).hasMessageContaining("exceeds");
  }

  @Test
  void shouldFailOnlyWithTheTypedExceptionOnRandomInput() {
    Random random = new Random(3);
    for (int i = 0; i < 5000; i++) {
      byte[] input = new byte[random.nextInt(64)];
      random.nextBytes(input);
      try {
        FastLz.decompress(input);
      } catch (SessionKeyDecodingException expected) {
        assertThat(expected.getMessage()).startsWith("FastLZ: ");
      }
    }
  }
}
