package dev.acepipe.server.synth;

import dev.acepipe.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scores behind the files this synthesizer wrote, keyed by the SHA-256 of the file's bytes, so
 * that a stem task on one of its own takes (by path, or uploaded back byte for byte) works on the
 * take's real arrangement: {@code extract} renders exactly that take's voice, {@code lego} adds a
 * voice in its key and on its grid. Bounded (least recently used first out) and in memory only.
 * Thread-safe.
 */
final class Arrangements {
  /** Some voices of a song, composed with one seed. */
  record Part(Set<Instrument> voices, long seed) {
    Part {
      voices = Set.copyOf(voices);
    }
  }

  /** A song plan and the parts playing in it. */
  record Arrangement(MusicPlan plan, List<Part> parts) {
    Arrangement {
      parts = List.copyOf(parts);
    }

    /** Every part's notes, in start order. */
    List<Note> notes() {
      List<Note> notes = new ArrayList<>();
      for (Part p : parts) {
        notes.addAll(Composer.compose(plan.withInstruments(p.voices()), p.seed()));
      }
      notes.sort(Comparator.comparingLong(n -> n.start));
      return notes;
    }

    /** Only the parts' voices among {@code wanted}; parts with none of them are dropped. */
    Arrangement only(Set<Instrument> wanted) {
      List<Part> kept = new ArrayList<>();
      for (Part p : parts) {
        Set<Instrument> both = new java.util.HashSet<>(p.voices());
        both.retainAll(wanted);
        if (!both.isEmpty()) {
          kept.add(new Part(both, p.seed()));
        }
      }
      return new Arrangement(plan, kept);
    }

    Arrangement plus(Part part) {
      List<Part> more = new ArrayList<>(parts);
      more.add(part);
      return new Arrangement(plan, more);
    }

    Arrangement withFrames(long frames) {
      return new Arrangement(plan.withFrames(frames), parts);
    }
  }

  private static final int CAPACITY = 1024;
  private final Map<String, Arrangement> byHash =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Arrangement> eldest) {
          return size() > CAPACITY;
        }
      };

  void remember(Path file, Arrangement arrangement) throws IOException {
    String hash = AudioFiles.sha256(file);
    synchronized (byHash) {
      byHash.put(hash, arrangement);
    }
  }

  /** The arrangement of a file this synthesizer wrote, empty for any other file. */
  Optional<Arrangement> of(Path file) {
    if (file == null) {
      return Optional.empty();
    }
    try {
      String hash = AudioFiles.sha256(file);
      synchronized (byHash) {
        return Optional.ofNullable(byHash.get(hash));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
