package dev.acepipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * What every {@code engine} subcommand has: {@code -h}/{@code -V}, and the {@link Main} it runs
 * under, for its output streams and environment. Subcommands add their name, description and
 * options.
 */
@Command(mixinStandardHelpOptions = true)
abstract class EngineCommand implements Callable<Integer> {
  @ParentCommand Main main;
}
