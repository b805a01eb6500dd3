package dev.acepipe.album;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A meter that answers from a table and records which files it was asked about. */
final class FakeMeter implements TakeSelector.Meter {
  private final Map<Path, LoudnessMeasurement> table = new HashMap<>();
  final List<Path> asked = new ArrayList<>();

  FakeMeter with(Path file, double lufs, double peak) {
    table.put(file, new LoudnessMeasurement(lufs, peak));
    return this;
  }

  @Override
  public LoudnessMeasurement measure(Path file) throws IOException {
    asked.add(file);
    LoudnessMeasurement m = table.get(file);
    if (m == null) {
      throw new IOException(file + ": no such file");
    }
    return m;
  }
}
