package dev.acepipe.exec;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.ContainerInfo;
import dev.acepipe.audio.ContainerProbe;
import dev.acepipe.audio.PcmStream;
import dev.acepipe.audio.ServerFormat;
import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.AudioAnalyzer;
import dev.acepipe.audio.analysis.FfmpegDecoder;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The real {@link AudioProbe}: the audio package's library decoders for WAV (16-bit and 32-bit
 * float), FLAC and MP3; Opus and AAC takes, which acepipe cannot decode, are measured from their
 * containers ({@link ContainerProbe}), chosen by the file's extension as the take collector names
 * it after the server's file.
 *
 * <p>The checks decode an MP3 take with FFmpeg when one is given ({@link FfmpegDecoder}, about five
 * times faster), falling back to the Java decoder when FFmpeg cannot read it.
 */
public final class AudioFilesProbe implements AudioProbe {
  private final FfmpegDecoder mp3;

  /** Java decoders only. */
  public AudioFilesProbe() {
    this.mp3 = null;
  }

  /** The checks decode MP3 takes with {@code mp3}. */
  public AudioFilesProbe(FfmpegDecoder mp3) {
    this.mp3 = java.util.Objects.requireNonNull(mp3, "mp3");
  }

  /** With the FFmpeg {@code env} points at ({@link FfmpegDecoder#find}), if any. */
  public static AudioFilesProbe forEnvironment(Map<String, String> env) {
    return FfmpegDecoder.find(env).map(AudioFilesProbe::new).orElseGet(AudioFilesProbe::new);
  }

  /** The FFmpeg that decodes MP3 takes for the checks, if any. */
  public Optional<FfmpegDecoder> mp3Decoder() {
    return Optional.ofNullable(mp3);
  }

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
  public AudioAnalysis analyze(Path file, Set<AudioAnalyzer.Extra> extras, double silenceDbfs)
      throws IOException {
    AudioAnalyzer analyzer = new AudioAnalyzer(extras, silenceDbfs);
    if (mp3 != null && AudioFiles.detect(file) == AudioFormat.MP3) {
      try (PcmStream pcm = mp3.open(file)) {
        return analyzer.analyze(pcm);
      } catch (java.io.InterruptedIOException e) {
        throw e;
      } catch (IOException ffmpegRefused) {
        // the Java decoder below is the judge of whether the take is readable
      }
    }
    return analyzer.analyze(file);
  }

  @Override
  public StreamingAnalysis analyzeWhileDownloading(
      Set<AudioAnalyzer.Extra> extras, double silenceDbfs) {
    return new StreamingAnalysis(new AudioAnalyzer(extras, silenceDbfs), mp3);
  }
}
