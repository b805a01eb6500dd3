package dev.acepipe.server.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendererTest {
  private static final String SONG = "[Verse]\nla\nla\n\n[Chorus]\noh\noh\n\n[Outro]\n";

  private static List<Note> score(long frames) {
    SynthRequest request =
        SynthRequests.of("text2music", "pop, drums, bass, piano, pads, strings, guitar, lead")
            .lyrics(SONG)
            .durationSeconds(frames / (double) ProceduralSynthesizer.RATE)
            .bpm(100)
            .keyScale("E minor")
            .timeSignature("4")
            .build();
    return Composer.compose(Planner.plan(request, 11, frames, 0, 0), 11);
  }

  private static short[] render(List<Note> notes, long frames, long cacheFloats, int block) {
    Renderer renderer = new Renderer(notes, frames, cacheFloats);
    short[] all = new short[(int) frames * 2];
    short[] out = new short[Renderer.BLOCK * 2];
    for (long f = 0; f < frames; f += block) {
      int n = (int) Math.min(block, frames - f);
      renderer.render(f, n, out);
      System.arraycopy(out, 0, all, (int) f * 2, n * 2);
    }
    return all;
  }

  @Test
  void aCacheTooSmallToKeepAnythingGivesTheSameSamples() {
    long frames = 10L * ProceduralSynthesizer.RATE;
    List<Note> notes = score(frames);

    short[] cached = render(notes, frames, NoteCache.DEFAULT_CAPACITY, Renderer.BLOCK);
    short[] uncached =
        render(notes, frames, 50_000, Renderer.BLOCK); // smaller than one bar: emptied all the time

    assertThat(Arrays.equals(cached, uncached)).isTrue();
    int peak = 0;
    for (short s : cached) {
      peak = Math.max(peak, Math.abs(s));
    }
    assertThat(peak).as("music, not silence").isGreaterThan(3000);
  }

  @Test
  void blockSizeNeverChangesTheSamples() {
    long frames = 8L * ProceduralSynthesizer.RATE + 17;
    List<Note> notes = score(frames);

    short[] big = render(notes, frames, NoteCache.DEFAULT_CAPACITY, Renderer.BLOCK);
    short[] odd = render(notes, frames, NoteCache.DEFAULT_CAPACITY, 1237);

    assertThat(Arrays.equals(big, odd)).isTrue();
  }

  @Test
  void aCachedNoteIsItsOscillatorTimesItsEnvelope() {
    Note n = new Note(0, 4800, 440, 1, 0, Timbre.PIANO);
    NoteCache cache = new NoteCache(NoteCache.DEFAULT_CAPACITY);

    float[] samples = cache.of(n);

    assertThat(samples).hasSize(n.length);
    assertThat(cache.of(new Note(96_000, 4800, 440, 0.2, 0.5, Timbre.PIANO))).isSameAs(samples);
    int t = 1000; // past the attack, where the envelope only decays
    int phase = (int) (t * n.increment);
    float wave = Math.abs(Timbre.PIANO.table[phase >>> (32 - Timbre.TABLE_BITS)]);
    assertThat(Math.abs(samples[t]))
        .isBetween(
            wave * (float) Timbre.PIANO.envelope(t + 32, 4800) * 0.999f,
            wave * (float) Timbre.PIANO.envelope(t - 32, 4800) * 1.001f);
    assertThat(samples[n.length - 1]).isCloseTo(0f, org.assertj.core.data.Offset.offset(0.01f));
  }
}
