package dev.acepipe.album;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrackNamesTest {
  @Test
  void numbersFilesWithTwoDigitsAndTheFormatsExtension() {
    assertThat(TrackNames.fileName(1, 9, "Night Drive", AudioFormat.FLAC))
        .isEqualTo("01 - Night Drive.flac");
    assertThat(TrackNames.fileName(12, 12, "Outro", AudioFormat.MP3)).isEqualTo("12 - Outro.mp3");
  }

  @Test
  void usesThreeDigitsForAlbumsOfAHundredTracksOrMore() {
    assertThat(TrackNames.fileName(7, 120, "Seven", AudioFormat.WAV)).isEqualTo("007 - Seven.wav");
  }

  @Test
  void replacesPathSeparatorsAndWindowsReservedCharacters() {
    assertThat(TrackNames.sanitize("AC/DC \\ <Live>: \"What?\" | *Yes*"))
        .isEqualTo("AC_DC _ _Live__ _What__ _ _Yes_");
  }

  @Test
  void removesControlCharactersAndCollapsesWhitespace() {
    assertThat(TrackNames.sanitize("  Line\none\t\ttwo\u0000three\u007f  "))
        .isEqualTo("Line one two three");
  }

  @Test
  void dropsTrailingDotsThatWindowsWouldDrop() {
    assertThat(TrackNames.sanitize("Fade out...  ")).isEqualTo("Fade out");
  }

  @Test
  void pathTraversalCannotEscapeTheAlbumDirectory() {
    assertThat(TrackNames.fileName(1, 1, "../../etc/passwd", AudioFormat.FLAC))
        .isEqualTo("01 - .._.._etc_passwd.flac");
  }

  @Test
  void aTitleWithNothingLeftBecomesUntitled() {
    assertThat(TrackNames.sanitize(" \t\u0001 ")).isEqualTo("Untitled");
    assertThat(TrackNames.sanitize("...")).isEqualTo("Untitled");
  }

  @Test
  void keepsUnicodeComposedAndCutsLongTitlesBetweenCharacters() {
    String decomposed = "Cafe\u0301 \u00fcber \uD83C\uDFB5";
    String longTitle = "\uD83C\uDFB5".repeat(80);

    assertThat(TrackNames.sanitize(decomposed)).isEqualTo("Caf\u00e9 \u00fcber \uD83C\uDFB5");
    String cut = TrackNames.sanitize(longTitle);
    assertThat(cut.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(TrackNames.MAX_TITLE_BYTES);
    assertThat(cut).isEqualTo("\uD83C\uDFB5".repeat(50));
  }

  @Test
  void displayTitleKeepsReservedCharactersButFitsOnOneLine() {
    assertThat(TrackNames.displayTitle("Part 1/2:\r\nThe Return"))
        .isEqualTo("Part 1/2: The Return");
  }
}
