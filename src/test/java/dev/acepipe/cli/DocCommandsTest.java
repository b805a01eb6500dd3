package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code engine ...} command in README.md and docs/*.md works when copied.
 *
 * <p>Commands on their own line in a fenced code block are run, in document order, in a fresh copy
 * of {@code dsl-examples/} per page (so a page's sequence, such as run / run --locked / run --from,
 * works as written), against an embedded server named by {@code ACESTEP_URL} (so {@code health},
 * {@code models} and {@code stats} have one), and must exit 0. Synopses (placeholders such as
 * {@code FILE}, {@code [--x]}, {@code a|b}, {@code ...}) and shell lines ({@code $VAR}, globs,
 * redirections, continuations) are not run; for them, and for inline {@code `engine ...`} spans,
 * the subcommand and every {@code --option} they name must exist.
 *
 * <p>Explicit skips: a block preceded by {@code <!-- docs-test: skip REASON -->} is only checked
 * like a synopsis, and so is every {@code engine serve} (it runs until Ctrl-C).
 */
@Timeout(600)
class DocCommandsTest {
  private static final Pattern COMMAND =
      Pattern.compile("^\\s*(?:\\$ )?(?:\\./)?engine(?:\\s+(.*))?$");
  private static final Pattern INLINE = Pattern.compile("`(?:\\./)?engine ([^`]+)`");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(^|\\s)[A-Z][A-Z_]*(=[A-Z_]+)?(\\.\\.\\.)?(\\s|$)");
  private static final String SKIP_MARKER = "<!-- docs-test: skip";
  private static final Map<String, String> NEVER_RUN = Map.of("serve", "runs until Ctrl-C");

  @TempDir Path tmp;

  /** One command found in a page. */
  record Found(Path page, int line, String args, boolean runnable) {
    String where() {
      return page + ":" + line + ": `engine " + args + "`";
    }
  }

  @Test
  void everyEngineCommandInTheDocsWorksWhenCopied() throws Exception {
    List<Path> pages = pages();
    List<String> failures = new ArrayList<>();
    int ran = 0;
    int checked = 0;
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(tmp.resolve("server")))) {
      Map<String, String> env = Map.of("ACESTEP_URL", server.baseUrl());
      for (Path page : pages) {
        Path project = copyExamples(tmp.resolve("page-" + page.getFileName()));
        for (Found f : extract(page)) {
          checked++;
          failures.addAll(checkNames(f));
          if (f.runnable()) {
            ran++;
            failures.addAll(run(f, project, env));
          }
        }
      }
    }

    assertThat(failures).as("commands in the docs that do not work when copied").isEmpty();
    assertThat(ran).as("commands run").isGreaterThanOrEqualTo(9);
    assertThat(checked).as("commands checked").isGreaterThan(ran);
  }

  @Test
  void theExtractorTellsRunnableCommandsFromSynopsesShellLinesAndSkippedBlocks() throws Exception {
    Path page = tmp.resolve("page.md");
    Files.writeString(
        page,
        String.join(
            "\n",
            "Run `engine plan FILE --format dot`.",
            "```",
            "./engine run dsl-examples/ci-smoke.yaml --force   # again",
            "engine run FILE [--server URL]",
            "./engine run \"$p\" --report",
            "engine serve --port 8001",
            "```",
            SKIP_MARKER + " needs a GPU -->",
            "```",
            "./engine run dsl-examples/ci-smoke.yaml",
            "```"));

    List<Found> found = extract(page);

    assertThat(found)
        .extracting(Found::args, Found::runnable)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("plan FILE --format dot", false),
            org.assertj.core.groups.Tuple.tuple("run dsl-examples/ci-smoke.yaml --force", true),
            org.assertj.core.groups.Tuple.tuple("run FILE [--server URL]", false),
            org.assertj.core.groups.Tuple.tuple("run \"$p\" --report", false),
            org.assertj.core.groups.Tuple.tuple("serve --port 8001", false),
            org.assertj.core.groups.Tuple.tuple("run dsl-examples/ci-smoke.yaml", false));
    assertThat(checkNames(new Found(page, 1, "rnu FILE", false)))
        .singleElement()
        .asString()
        .contains("no subcommand");
    assertThat(checkNames(new Found(page, 1, "run FILE --parms X", false)))
        .singleElement()
        .asString()
        .contains("--parms");
  }

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  static List<Found> extract(Path page) throws IOException {
    List<Found> found = new ArrayList<>();
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    boolean inBlock = false;
    boolean skipBlock = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        inBlock = !inBlock;
        skipBlock = inBlock && i > 0 && previousNonBlank(lines, i).startsWith(SKIP_MARKER);
        continue;
      }
      if (inBlock) {
        Matcher m = COMMAND.matcher(line);
        if (m.matches()) {
          String args = withoutComment(m.group(1) == null ? "" : m.group(1));
          found.add(new Found(page, i + 1, args, !skipBlock && runnable(args)));
        }
        continue;
      }
      Matcher inline = INLINE.matcher(line);
      while (inline.find()) {
        found.add(new Found(page, i + 1, inline.group(1).strip(), false));
      }
    }
    return found;
  }

  private static String previousNonBlank(List<String> lines, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (!lines.get(j).isBlank()) {
        return lines.get(j).strip();
      }
    }
    return "";
  }

  private static String withoutComment(String args) {
    return args.replaceFirst("\\s+#\\s.*$", "").strip();
  }

  /** Concrete, shell-free and not a command that never ends. */
  static boolean runnable(String args) {
    boolean synopsis =
        args.contains("[")
            || args.contains("|")
            || args.contains("...")
            || PLACEHOLDER.matcher(args).find()
            || args.isEmpty();
    boolean shell = args.matches(".*[$*<>`\"'\\\\&;].*");
    String sub = args.split("\\s+")[0];
    return !synopsis && !shell && !NEVER_RUN.containsKey(sub);
  }

  /** The subcommand and every long option named must exist. */
  static List<String> checkNames(Found f) {
    CommandLine root =
        new CommandLine(
            new Main(
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0])));
    String[] words = f.args().split("\\s+");
    if (words.length == 0 || words[0].isEmpty() || words[0].startsWith("-")) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (String name : words[0].split("\\|")) { // `health|models|stats` names three
      CommandLine sub = root.getSubcommands().get(name);
      if (sub == null) {
        problems.add(f.where() + ": no subcommand '" + name + "'");
        continue;
      }
      // Nested subcommands (`store push|pull`): the options belong to the deepest one named.
      for (int w = 1; w < words.length && !sub.getSubcommands().isEmpty(); w++) {
        CommandLine nested = sub.getSubcommands().get(words[w].split("\\|")[0]);
        if (nested == null) {
          break;
        }
        name = name + " " + words[w].split("\\|")[0];
        sub = nested;
      }
      Matcher m = OPTION.matcher(f.args());
      while (m.find()) {
        if (sub.getCommandSpec().findOption(m.group(1)) == null
            && root.getCommandSpec().findOption(m.group(1)) == null) {
          problems.add(f.where() + ": 'engine " + name + "' has no option " + m.group(1));
        }
      }
    }
    return problems;
  }

  private static List<String> run(Found f, Path project, Map<String, String> env) {
    String[] args =
        Arrays.stream(f.args().split("\\s+"))
            .map(a -> a.startsWith("dsl-examples/") ? project.resolve(a).toString() : a)
            .toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                env)
            .run(args);
    if (code == ExitCodes.OK) {
      return List.of();
    }
    String firstError =
        err.toString()
            .lines()
            .filter(l -> l.contains("error") || l.startsWith("engine:"))
            .findFirst()
            .orElse(err.toString().lines().reduce((a, b) -> b).orElse(""));
    return List.of(f.where() + " exited " + code + ": " + firstError);
  }

  private static Path copyExamples(Path project) throws IOException {
    Path source = Path.of("dsl-examples");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = project.resolve(p.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.toString().contains(".acepipe")
            && !p.getFileName().toString().endsWith(".lock.json")) {
          Files.copy(p, target);
        }
      }
    }
    return project;
  }
}
