package dev.acepipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * What every {@code engine store} subcommand has: {@code -h}/{@code -V}, and the {@link
 * StoreCommand} (and through it the {@link Main}) it runs under.
 */
@Command(mixinStandardHelpOptions = true)
abstract class StoreSubcommand implements Callable<Integer> {
  @ParentCommand StoreCommand parent;
}
