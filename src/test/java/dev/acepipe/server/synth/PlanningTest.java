package dev.acepipe.server.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanningTest {
  @ParameterizedTest
  @CsvSource({
    "C Major, 0, false",
    "F# minor, 6, true",
    "Bb maj, 10, false",
    "Am, 9, true",
    "eb minor, 3, true"
  })
  void readsKeysInTheirUsualSpellings(String text, int tonic, boolean minor) {
    assertThat(Key.parse(text)).contains(new Key(tonic, minor));
  }

  @Test
  void rejectsTextThatIsNoKey() {
    assertThat(Key.parse("H major")).isEmpty();
    assertThat(Key.parse("")).isEmpty();
  }

  @Test
  void scaleDegreesLandOnTheScale() {
    Key aMinor = new Key(9, true);

    assertThat(aMinor.pitchClasses()).containsExactly(9, 11, 0, 2, 4, 5, 7);
    for (int degree = -10; degree < 20; degree++) {
      assertThat(aMinor.pitchClasses()).contains(Math.floorMod(aMinor.note(48, degree), 12));
    }
    assertThat(aMinor.note(48, 7) - aMinor.note(48, 0)).isEqualTo(12);
  }

  @Test
  void lyricTagsBecomeSectionsWithLineCounts() {
    LyricSheet sheet =
        LyricSheet.parse(
            "first line\n[Verse 2]\na\nb\n\n[Pre-Chorus]\nc\n[CHORUS]\nd\ne\n[Guitar Solo]\n[Outro]");

    assertThat(sheet.parts())
        .containsExactly(
            new LyricSheet.Part(SectionKind.VERSE, 1),
            new LyricSheet.Part(SectionKind.VERSE, 2),
            new LyricSheet.Part(SectionKind.PRE_CHORUS, 1),
            new LyricSheet.Part(SectionKind.CHORUS, 2),
            new LyricSheet.Part(SectionKind.INSTRUMENTAL, 0),
            new LyricSheet.Part(SectionKind.OUTRO, 0));
  }

  @Test
  void instrumentalMarkersMeanNoSungLines() {
    assertThat(LyricSheet.parse("[inst]").instrumental()).isTrue();
    assertThat(LyricSheet.parse("[Instrumental]").instrumental()).isTrue();
    assertThat(LyricSheet.parse("").suggestedSeconds()).isEqualTo(60);
  }

  @Test
  void sectionsCoverEveryBarInOrder() {
    List<MusicPlan.Section> sections =
        Planner.layout(LyricSheet.parse("[Intro]\n[Verse]\na\nb\n[Chorus]\nc\nd\n[Outro]"), 37);

    int next = 0;
    for (MusicPlan.Section s : sections) {
      assertThat(s.firstBar()).isEqualTo(next);
      next += s.bars();
    }
    assertThat(next).isEqualTo(37);
    assertThat(sections)
        .extracting(MusicPlan.Section::kind)
        .containsExactly(
            SectionKind.INTRO, SectionKind.VERSE, SectionKind.CHORUS, SectionKind.OUTRO);
  }

  @Test
  void tempoComesFromGenreWordsWhenNotGiven() {
    SynthRequest ballad =
        SynthRequests.of("text2music", "a slow piano ballad").durationSeconds(30).build();
    SynthRequest dnb = SynthRequests.of("text2music", "dnb with pads").durationSeconds(30).build();

    for (long seed = 0; seed < 20; seed++) {
      assertThat(Planner.plan(ballad, seed, 48_000, 0, 0).bpm()).isBetween(62.0, 78.0);
      assertThat(Planner.plan(dnb, seed, 48_000, 0, 0).bpm()).isBetween(170.0, 176.0);
    }
  }

  @Test
  void captionCuesPickTheParts() {
    assertThat(Instrument.fromCaption("solo piano")).containsExactly(Instrument.PIANO);
    assertThat(Instrument.fromCaption("Strings and bass, no drums"))
        .containsExactlyInAnyOrder(Instrument.STRINGS, Instrument.BASS);
    assertThat(Instrument.fromCaption("something nice"))
        .contains(Instrument.DRUMS, Instrument.BASS, Instrument.LEAD);
  }

  @Test
  void everyComposedPitchIsInTheKey() {
    SynthRequest request =
        SynthRequests.of("text2music", "piano bass guitar strings pads lead")
            .lyrics("[Verse]\na\n[Chorus]\nb")
            .durationSeconds(20)
            .bpm(120)
            .keyScale("E major")
            .timeSignature("4")
            .build();
    MusicPlan plan = Planner.plan(request, 3, 20 * 48_000, 0, 0);
    int[] scale = plan.key().pitchClasses();

    for (Note n : Composer.compose(plan, 3)) {
      if (!n.timbre.oneShot) {
        double midi = 69 + 12 * Math.log(n.increment / 4294967296.0 * 48_000 / 440) / Math.log(2);
        assertThat(scale).contains(Math.floorMod((int) Math.round(midi), 12));
      }
    }
  }
}
