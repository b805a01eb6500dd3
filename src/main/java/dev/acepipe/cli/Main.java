package dev.acepipe.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code engine} command and the composition root: every subcommand is wired here by hand.
 *
 * <p>{@code Main(out, err, in)} keeps the CLI testable; only {@link #main} touches {@code System.*}
 * and calls {@code System.exit}.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    version = "acepipe 0.1.0",
    description = "Declarative music-generation pipelines for ACE-Step 1.5.",
    subcommands = {
      CommandLine.HelpCommand.class,
      HealthCommand.class,
      ModelsCommand.class,
      StatsCommand.class,
      RunCommand.class,
      VerifyCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      ServeCommand.class,
      ReportCommand.class,
      SelectCommand.class,
      LoudnessCommand.class,
      InspectCommand.class,
      StoreCommand.class,
      SchemaCommand.class,
    })
public final class Main implements Runnable {
  @Option(
      names = {"-x", "--stacktrace"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean stacktrace;

  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;

  public Main(PrintWriter out, PrintWriter err, InputStream in) {
    this(out, err, in, System.getenv());
  }

  /**
   * As {@link #Main(PrintWriter, PrintWriter, InputStream)} with the environment variables commands
   * read.
   */
  public Main(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = Map.copyOf(env);
  }

  /**
   * The environment ({@code ACESTEP_URL}, {@code NO_COLOR} ...), injected so tests need not change
   * the real one.
   */
  public Map<String, String> env() {
    return env;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public boolean stacktrace() {
    return stacktrace;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  /** Parses and runs {@code args}; returns the exit code. Never calls {@code System.exit}. */
  public int run(String... args) {
    CommandLine cl = new CommandLine(this);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(Main::exitCodeOf);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("engine: " + ex.getMessage());
          if (!subcommandSuggestion(ex, err)) {
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
          }
          String name = qualifiedName(ex.getCommandLine());
          err.println("Try 'engine " + (name.isEmpty() ? "" : name + " ") + "--help'.");
          err.flush();
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println("engine: " + messageOf(ex));
          if (stacktrace) {
            ex.printStackTrace(err);
          } else if (!(ex instanceof CliException)) {
            err.println("(run with -x for the stack trace)");
          }
          err.flush();
          return exitCodeOf(ex);
        });
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * {@code engine rnu}: picocli suggests nothing for a mistyped subcommand, so the closest one is
   * named here. Returns whether a suggestion was printed.
   */
  private static boolean subcommandSuggestion(CommandLine.ParameterException ex, PrintWriter err) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u)
        || ex.getCommandLine().getParent() != null
        || u.getUnmatched().isEmpty()) {
      return false;
    }
    String typed = u.getUnmatched().get(0);
    if (typed.startsWith("-")) {
      return false;
    }
    java.util.Optional<String> closest =
        dev.acepipe.dsl.Suggest.closest(typed, ex.getCommandLine().getSubcommands().keySet());
    closest.ifPresent(c -> err.println("Did you mean 'engine " + c + "'?"));
    return closest.isPresent();
  }

  private static String qualifiedName(CommandLine cl) {
    String name = cl.getCommandName();
    return cl.getParent() == null ? "" : name;
  }

  private static String messageOf(Throwable ex) {
    String msg = ex.getMessage();
    return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
  }

  private static int exitCodeOf(Throwable ex) {
    if (ex instanceof CliException c) {
      return c.exitCode();
    }
    return ExitCodes.RUN_FAILED;
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = new Main(out, err, System.in).run(args);
    System.exit(code);
  }
}
