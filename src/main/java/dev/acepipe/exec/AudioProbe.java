package dev.acepipe.exec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the length and format of a local audio file with real decoders. The composition root adapts
 * the audio package to this port; tests use a fake.
 */
@FunctionalInterface
public interface AudioProbe {
  /** Probes {@code file}; throws when it is missing or not decodable audio. */
  AudioInfo probe(Path file) throws IOException;

  /**
   * Measures {@code file} in one streaming pass (bounded memory) for a step's {@code expect:}; only
   * the extras asked for are computed.
   */
  default dev.acepipe.audio.analysis.AudioAnalysis analyze(
      Path file,
      java.util.Set<dev.acepipe.audio.analysis.AudioAnalyzer.Extra> extras,
      double silenceDbfs)
      throws IOException {
    return new dev.acepipe.audio.analysis.AudioAnalyzer(extras, silenceDbfs).analyze(file);
  }

  /**
   * A sink that measures a take while it downloads (give it to {@code AceStepClient.download(url,
   * target, tee)}); its {@code finish()} result equals {@link #analyze} of the finished file. When
   * {@code finish()} throws, measure the file with {@link #analyze} instead. Null (the default)
   * when this probe only measures finished files, as fakes do.
   */
  default dev.acepipe.audio.analysis.StreamingAnalysis analyzeWhileDownloading(
      java.util.Set<dev.acepipe.audio.analysis.AudioAnalyzer.Extra> extras, double silenceDbfs) {
    return null;
  }
}
