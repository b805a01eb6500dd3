package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.Download;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A take measured while the client downloads it from the embedded server reads exactly what
 * measuring the finished file reads, and the download itself is unchanged by the tee.
 */
class AudioFilesProbeStreamingTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"wav, java", "flac, java", "mp3, java", "mp3, ffmpeg"})
  void checksMeasuredDuringTheDownloadEqualChecksOfTheFinishedFile(String format, String decoder)
      throws Exception {
    Set<AudioAnalyzer.Extra> every = EnumSet.allOf(AudioAnalyzer.Extra.class);
    AudioFilesProbe probe =
        decoder.equals("java")
            ? new AudioFilesProbe()
            : AudioFilesProbe.forEnvironment(System.getenv());
    assumeTrue(decoder.equals("java") || probe.mp3Decoder().isPresent(), "no ffmpeg installed");
    try (EmbeddedServer server =
            EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("out")));
        OkHttpAceStepClient client =
            new OkHttpAceStepClient(
                ClientConfig.custom(server.baseUrl()).readTimeout(Duration.ofSeconds(20)).build(),
                line -> {})) {
      String url = render(client, format);
      Path plain = dir.resolve("plain." + format);
      Path teed = dir.resolve("teed." + format);
      Download before = client.download(url, plain);

      AudioAnalysis streamed;
      Download during;
      try (StreamingAnalysis live = probe.analyzeWhileDownloading(every, -50)) {
        during = client.download(url, teed, live);
        streamed = live.finish();
      }

      assertThat(during.sha256()).isEqualTo(before.sha256());
      assertThat(Files.size(teed)).isEqualTo(before.bytes());
      assertThat(streamed).isEqualTo(probe.analyze(teed, every, -50));
      assertThat(streamed.durationSeconds()).isGreaterThan(7.9);
      assertThat(streamed.silenceThresholdDbfs()).isEqualTo(-50);
      if (decoder.equals("ffmpeg")) { // FFmpeg decoded it: full scale, 0.018 dB above Java's
        double java = new AudioFilesProbe().analyze(teed, every, -50).integratedLufs();
        assertThat(streamed.integratedLufs() - java).isBetween(0.005, 0.03);
      }
    }
  }

  private static String render(AceStepClient client, String format) throws Exception {
    String id =
        client
            .submit(
                TaskRequest.builder()
                    .prompt("deep house, warm sub bass")
                    .audioDuration(8.0)
                    .bpm(124)
                    .audioFormat(format)
                    .seed(5)
                    .build())
            .taskId();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      TaskStatus s = client.query(List.of(id)).get(0);
      if (s instanceof TaskStatus.Succeeded done) {
        return done.takes().get(0).fileUrl();
      }
      assertThat(s).isInstanceOf(TaskStatus.Pending.class);
      Thread.sleep(30);
    }
    throw new AssertionError("task " + id + " did not finish");
  }
}
