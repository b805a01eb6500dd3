package dev.acepipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.cycle.JohnsonSimpleCycles;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, read from the sources: packages depend on each other without a cycle, and
 * classes stay small enough to read in one sitting.
 */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.acepipe(?:\\.[a-z]\\w*)*)\\.(?:[A-Z*])");
  private static final int MAX_LINES = 400;

  /**
   * Classes still over {@value #MAX_LINES} lines, with their size when they were listed. Each is a
   * hub the architecture issue splits by responsibility; an entry goes when its class is split, and
   * nothing new is added without a reason written next to it.
   */
  private static final Map<String, Integer> TOO_LONG_FOR_NOW =
      Map.ofEntries(
          // one algorithm: FLAC frame encoding
          Map.entry("dev/acepipe/audio/FlacFrames.java", 454));

  @Test
  void packagesDependOnEachOtherWithoutCycles() {
    Graph<String, DefaultEdge> packages = packageGraph();

    List<List<String>> cycles =
        new CycleDetector<>(packages).detectCycles()
            ? new JohnsonSimpleCycles<>(packages).findSimpleCycles()
            : List.of();

    assertThat(packages.vertexSet()).as("packages read from %s", MAIN).isNotEmpty();
    assertThat(cycles)
        .as("package cycles (each listed as the packages on it, each importing the next)")
        .isEmpty();
  }

  @Test
  void noClassIsLongerThanFourHundredLinesExceptTheListedHubs() {
    Map<String, Integer> tooLong = new TreeMap<>();
    for (Path file : javaFiles()) {
      int lines = read(file).size();
      String name = MAIN.relativize(file).toString().replace('\\', '/');
      if (lines > MAX_LINES && !TOO_LONG_FOR_NOW.containsKey(name)) {
        tooLong.put(name, lines);
      }
    }

    assertThat(tooLong).as("classes over %d lines (file → lines)", MAX_LINES).isEmpty();
  }

  /** Vertices are packages (a subpackage is its own vertex); u→v when a class in u imports v. */
  private static Graph<String, DefaultEdge> packageGraph() {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (Path file : javaFiles()) {
      List<String> lines = read(file);
      Optional<String> own =
          lines.stream()
              .map(PACKAGE::matcher)
              .filter(Matcher::find)
              .map(m -> m.group(1))
              .findFirst();
      if (own.isEmpty()) {
        continue;
      }
      g.addVertex(own.get());
      for (String line : lines) {
        Matcher m = IMPORT.matcher(line);
        if (m.find() && !m.group(1).equals(own.get())) {
          g.addVertex(m.group(1));
          g.addEdge(own.get(), m.group(1));
        }
      }
    }
    return g;
  }

  private static List<Path> javaFiles() {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return new ArrayList<>(files.filter(p -> p.toString().endsWith(".java")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
