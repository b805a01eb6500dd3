package dev.acepipe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.album.Loudness;
import dev.acepipe.album.LoudnessMeasurement;
import dev.acepipe.json.JsonMappers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine loudness FILE...}: ITU-R BS.1770-4 integrated loudness, sample peak, true peak and
 * EBU Tech 3342 loudness range of audio files, each measured in one streaming pass (memory stays
 * bounded for any length).
 */
@Command(
    name = "loudness",
    description = {
      "Measure integrated loudness (ITU-R BS.1770-4, LUFS), sample peak (dBFS), true peak (4x oversampled, dBTP)",
      "and loudness range (EBU Tech 3342, LU) of WAV, FLAC or MP3 files.",
      "Files below -60 LUFS or with a peak below -50 dBFS are marked silent: select rules never pick them."
    })
public final class LoudnessCommand extends EngineCommand {
  private static final ObjectMapper JSON = JsonMappers.pretty();

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files to measure.")
  List<Path> files;

  @Override
  public Integer call() {
    List<Map<String, Object>> rows = new ArrayList<>();
    PrintWriter out = main.out();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.USAGE, file + ": no such file");
      }
      LoudnessMeasurement m;
      try {
        m = Loudness.measure(file);
      } catch (IOException e) {
        throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
      }
      if (format == OutputFormat.json) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file.toString());
        row.put("integrated_lufs", finite(m.integratedLufs()));
        row.put("sample_peak_dbfs", finite(m.samplePeakDbfs()));
        row.put("true_peak_dbtp", finite(m.truePeakDbtp()));
        row.put("loudness_range_lu", finite(m.loudnessRangeLu()));
        row.put("silent", m.isSilent());
        rows.add(row);
      } else {
        out.println(file + ": " + m.describeFully() + (m.isSilent() ? " (silent)" : ""));
      }
    }
    if (format == OutputFormat.json) {
      try {
        out.println(JSON.writeValueAsString(rows));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialize loudness rows", e);
      }
    }
    return ExitCodes.OK;
  }

  /** JSON has no -infinity: silence is {@code null}. */
  private static Double finite(double db) {
    return Double.isFinite(db) ? Math.round(db * 100) / 100.0 : null;
  }
}
