package dev.acepipe.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link ServerFormat}'s names on the wire and the extensions of the files a server writes. */
class ServerFormatTest {
  @Test
  void eachFormatHasItsUpstreamNameAndTheExtensionOfItsFile() {
    assertThat(
            Arrays.stream(ServerFormat.values()).map(f -> f.wireName() + " -> ." + f.extension()))
        .containsExactly(
            "mp3 -> .mp3",
            "wav -> .wav",
            "flac -> .flac",
            "opus -> .opus",
            "aac -> .aac",
            "wav32 -> .wav");
  }

  @Test
  void namesAreLookedUpCaseInsensitively() {
    assertThat(ServerFormat.byName(" FLAC ")).contains(ServerFormat.FLAC);
    assertThat(ServerFormat.byName("Wav32")).contains(ServerFormat.WAV32);
    assertThat(ServerFormat.byName("ogg")).isEmpty();
    assertThat(ServerFormat.byName(null)).isEmpty();
  }
}
