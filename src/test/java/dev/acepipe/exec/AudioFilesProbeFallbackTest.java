package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.FfmpegDecoder;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import dev.acepipe.server.synth.SynthRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MP3 that FFmpeg refuses is still measured, by the Java decoder: the streamed measurement fails
 * (the take collector then measures the file) and measuring the file falls back.
 */
class AudioFilesProbeFallbackTest {
  @TempDir Path dir;

  @Test
  void anMp3FfmpegRefusesIsMeasuredByTheJavaDecoder() throws Exception {
    Path wav = dir.resolve("take.wav");
    SynthRequests.of("text2music", "lofi, dusty drums")
        .lyrics("[inst]")
        .durationSeconds(12)
        .renderTo(wav, 9);
    Path mp3 = dir.resolve("take.mp3");
    AudioFiles.write(AudioFiles.read(wav), AudioFormat.MP3, mp3);
    Path refusing = dir.resolve("refusing-ffmpeg");
    Files.writeString(
        refusing,
        "#!/bin/sh\ncase \"$*\" in *-version*) echo 'ffmpeg version 9.9-fake'; exit 0;; esac\n"
            + "cat > /dev/null\necho 'Invalid data found when processing input' >&2\nexit 1\n");
    Files.setPosixFilePermissions(refusing, PosixFilePermissions.fromString("rwx------"));
    AudioFilesProbe probe =
        new AudioFilesProbe(
            FfmpegDecoder.find(Map.of(FfmpegDecoder.ENV, refusing.toString())).orElseThrow());
    Set<AudioAnalyzer.Extra> every = EnumSet.allOf(AudioAnalyzer.Extra.class);

    AudioAnalysis java = new AudioFilesProbe().analyze(mp3, every, -60);
    assertThat(probe.analyze(mp3, every, -60)).isEqualTo(java);

    byte[] bytes = Files.readAllBytes(mp3);
    try (StreamingAnalysis live = probe.analyzeWhileDownloading(every, -60)) {
      live.write(bytes, 0, bytes.length);
      org.assertj.core.api.Assertions.assertThatThrownBy(live::finish)
          .hasMessageContaining("Invalid data found");
    }
  }
}
