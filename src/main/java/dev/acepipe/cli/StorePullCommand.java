package dev.acepipe.cli;

import picocli.CommandLine.Command;

/**
 * {@code engine store pull [PIPELINE]}: downloads (and verifies) what the pipeline's lockfile (or
 * every lockfile of the project) references and the local store lacks, so {@code engine run
 * --locked} needs no server. Exit 0 when everything referenced is local afterwards, 1 when the
 * remote lacks some (or has them damaged), 4 when the remote is unusable.
 */
@Command(
    name = "pull",
    description = "Download what a pipeline's lockfile references from the remote store.")
public final class StorePullCommand extends StoreTransferCommand {
  public StorePullCommand() {
    super(StoreTransfer.PULL);
  }
}
