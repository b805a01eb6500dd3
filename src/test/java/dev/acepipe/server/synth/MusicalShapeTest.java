package dev.acepipe.server.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicalShapeTest {
  @TempDir Path dir;
  private final ProceduralSynthesizer synth = new ProceduralSynthesizer();

  private static double rms(Pcm pcm, double fromSeconds, double toSeconds) {
    double sum = 0;
    int from = (int) (fromSeconds * 48_000);
    int to = (int) (toSeconds * 48_000);
    for (int i = from; i < to; i++) {
      double m = pcm.sample(i, 0) + pcm.sample(i, 1);
      sum += m * m;
    }
    return Math.sqrt(sum / (to - from));
  }

  @Test
  void chorusIsLouderThanVerseAndIntroIsQuietest() throws IOException {
    Path out = dir.resolve("song.wav");
    // 120 bpm 4/4: 2 s bars; intro 4 bars, verse 4 bars, chorus 4 bars -> 8 s each
    synth.render(
        SynthRequests.of("text2music", "pop")
            .lyrics("[Intro]\n[Verse]\na\nb\n[Chorus]\nc\nd")
            .durationSeconds(24)
            .bpm(120)
            .keyScale("C major")
            .timeSignature("4")
            .build(),
        1,
        out);

    Pcm pcm = AudioFiles.read(out);
    double intro = rms(pcm, 0.5, 7.5);
    double verse = rms(pcm, 8.5, 15.5);
    double chorus = rms(pcm, 16.5, 23);
    assertThat(chorus).isGreaterThan(verse);
    assertThat(verse).isGreaterThan(intro);
  }

  @Test
  void theFirstBeatOfEachBarIsAccented() throws IOException {
    Path out = dir.resolve("waltz.wav");
    synth.render(
        SynthRequests.of("text2music", "drums, bass, piano")
            .lyrics("[Verse]\na\nb\nc\nd")
            .durationSeconds(24)
            .bpm(120)
            .keyScale("G major")
            .timeSignature("3")
            .build(),
        1,
        out);

    Pcm pcm = AudioFiles.read(out);
    double downbeats = 0;
    double others = 0;
    for (int beat = 0; beat < 45; beat++) {
      double loudness = rms(pcm, beat * 0.5, beat * 0.5 + 0.06);
      if (beat % 3 == 0) {
        downbeats += loudness / 15;
      } else {
        others += loudness / 30;
      }
    }
    assertThat(downbeats).isGreaterThan(others * 1.2);
  }

  @Test
  void concurrentRendersAreIdenticalToSequentialOnes() throws Exception {
    SynthRequest request =
        SynthRequests.of("text2music", "synthwave")
            .lyrics("[Verse]\na\nb")
            .durationSeconds(5)
            .bpm(100)
            .audioFormat("flac")
            .build();
    Path reference = dir.resolve("ref.flac");
    synth.render(request, 8, reference);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Path>> futures = new ArrayList<>();

    for (int i = 0; i < 3; i++) {
      Path out = dir.resolve("c" + i + ".flac");
      futures.add(pool.submit(() -> synth.render(request, 8, out).file()));
    }

    for (Future<Path> f : futures) {
      assertThat(Files.readAllBytes(f.get())).isEqualTo(Files.readAllBytes(reference));
    }
    pool.shutdown();
  }
}
