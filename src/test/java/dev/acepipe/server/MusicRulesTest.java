package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MusicRulesTest {
  @Test
  void durationCountsFourSecondsPerLinePlusIntroOutroAndInstrumentalSections() {
    String lyrics =
        "[Intro]\n[Verse 1]\n"
            + "line\n".repeat(12)
            + "[Guitar Solo]\n[Chorus]\n"
            + "LINE\n".repeat(8)
            + "[Outro]";

    assertThat(MusicRules.durationFor(lyrics)).isEqualTo(8 + 12 * 4 + 10 + 8 * 4 + 8);
  }

  @Test
  void durationStaysWithinThirtyAndSixHundredSeconds() {
    assertThat(MusicRules.durationFor("[Verse]\none line")).isEqualTo(30);
    assertThat(MusicRules.durationFor("x\n".repeat(400))).isEqualTo(600);
    assertThat(MusicRules.durationFor("[instrumental]")).isEqualTo(60);
  }

  @Test
  void tempoFollowsGenreWordsAndSpeedWords() {
    assertThat(MusicRules.bpmFor("Symphonic black metal, blast beats")).isEqualTo(170);
    assertThat(MusicRules.bpmFor("lo-fi hip hop")).isEqualTo(90);
    assertThat(MusicRules.bpmFor("slow ambient")).isEqualTo(60);
    assertThat(MusicRules.bpmFor("something else")).isEqualTo(110);
  }

  @Test
  void darkMoodsGetMinorKeysAndWaltzesThreeBeats() {
    assertThat(MusicRules.keyFor("dark metal")).endsWith(" minor");
    assertThat(MusicRules.keyFor("happy pop")).endsWith(" major");
    assertThat(MusicRules.keyFor("happy pop")).isEqualTo(MusicRules.keyFor("happy pop"));
    assertThat(MusicRules.timeSignatureFor("viennese waltz")).isEqualTo("3");
    assertThat(MusicRules.timeSignatureFor("rock")).isEqualTo("4");
  }

  @Test
  void untaggedStanzasBecomeVersesAndChorusesFramedByIntroAndOutro() {
    String structured = MusicRules.structured("a\nb\n\nc\nd\n\ne\n\nf");

    assertThat(structured)
        .isEqualTo(
            "[Intro]\n\n[Verse 1]\na\nb\n\n[Chorus]\nc\nd\n\n[Verse 2]\ne\n\n[Chorus]\nf\n\n[Outro]");
  }

  @Test
  void taggedLyricsAreKeptAndEmptyOnesBecomeInstrumental() {
    assertThat(MusicRules.structured("[Verse]\nhello\n")).isEqualTo("[Verse]\nhello");
    assertThat(MusicRules.structured("  ")).isEqualTo("[Instrumental]");
  }
}
