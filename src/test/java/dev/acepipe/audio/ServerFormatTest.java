package dev.acepipe.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ServerFormat}'s names on the wire and the extensions of the files a server writes. */
class ServerFormatTest {
  @Test
  void eachFormatHasItsUpstreamNameAndTheExtensionOfItsFile() {
    Map<String, String> extensions = new LinkedHashMap<>();
    Arrays.stream(ServerFormat.values()).forEach(f -> extensions.put(f.wireName(), f.extension()));

    assertThat(extensions)
        .containsExactly(
            Map.entry("mp3", "mp3"),
            Map.entry("wav", "wav"),
            Map.entry("flac", "flac"),
            Map.entry("opus", "opus"),
            Map.entry("aac", "aac"),
            Map.entry("wav32", "wav"));
  }

  @Test
  void namesAreLookedUpCaseInsensitively() {
    assertThat(ServerFormat.byName(" FLAC ")).contains(ServerFormat.FLAC);
    assertThat(ServerFormat.byName("Wav32")).contains(ServerFormat.WAV32);
    assertThat(ServerFormat.byName("ogg")).isEmpty();
    assertThat(ServerFormat.byName(null)).isEmpty();
  }
}
