package dev.acepipe.exec;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.ContainerInfo;
import dev.acepipe.audio.ContainerProbe;
import dev.acepipe.audio.ServerFormat;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The real {@link AudioProbe}: the audio package's library decoders for WAV (16-bit and 32-bit
 * float), FLAC and MP3; Opus and AAC takes, which acepipe cannot decode, are measured from their
 * containers ({@link ContainerProbe}), chosen by the file's extension as the take collector names
 * it after the server's file.
 */
public final class AudioFilesProbe implements AudioProbe {
  @Override
  public AudioInfo probe(Path file) throws IOException {
    Optional<ServerFormat> container = containerOnly(file);
    if (container.isPresent()) {
      ContainerInfo c = ContainerProbe.probe(file, container.get());
      return new AudioInfo(c.durationSeconds(), c.sampleRate(), c.channels());
    }
    dev.acepipe.audio.AudioInfo info = AudioFiles.probe(file);
    return new AudioInfo(info.durationSeconds(), info.sampleRate(), info.channels());
  }

  /** The format of a take acepipe only probes, judged by its name ({@code .opus}, {@code .aac}). */
  static Optional<ServerFormat> containerOnly(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    if (ext.equals("m4a")) {
      return Optional.of(ServerFormat.AAC);
    }
    return Arrays.stream(ServerFormat.values())
        .filter(f -> f.codec().isEmpty() && f.extension().equals(ext))
        .findFirst();
  }

  @Override
  public StreamingAnalysis analyzeWhileDownloading(
      Set<AudioAnalyzer.Extra> extras, double silenceDbfs) {
    return new StreamingAnalysis(new AudioAnalyzer(extras, silenceDbfs));
  }
}
