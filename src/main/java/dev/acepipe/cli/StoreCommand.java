package dev.acepipe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code engine store push|pull|status|gc}: the project's local store and its shared remote. */
@Command(
    name = "store",
    description =
        "Move takes between the local store and a shared remote (S3), show both, clean the local one.",
    mixinStandardHelpOptions = true,
    subcommands = {
      StorePushCommand.class,
      StorePullCommand.class,
      StoreStatusCommand.class,
      StoreGcCommand.class
    })
public final class StoreCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    new CommandLine(this).usage(main.out());
  }
}
