package dev.acepipe.exec;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** The real {@link AudioProbe}: the audio package's library decoders. */
public final class AudioFilesProbe implements AudioProbe {
  @Override
  public AudioInfo probe(Path file) throws IOException {
    dev.acepipe.audio.AudioInfo info = AudioFiles.probe(file);
    return new AudioInfo(info.durationSeconds(), info.sampleRate(), info.channels());
  }

  @Override
  public StreamingAnalysis analyzeWhileDownloading(
      Set<AudioAnalyzer.Extra> extras, double silenceDbfs) {
    return new StreamingAnalysis(new AudioAnalyzer(extras, silenceDbfs));
  }
}
