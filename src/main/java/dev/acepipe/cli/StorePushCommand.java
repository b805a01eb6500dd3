package dev.acepipe.cli;

import picocli.CommandLine.Command;

/**
 * {@code engine store push [PIPELINE]}: uploads what the pipeline's lockfile (or every lockfile of
 * the project) references, verified from the local store, to the remote; what the remote has is
 * left alone. Exit 0 when every referenced entry is on the remote afterwards, 1 when some are
 * missing locally, 4 when the remote is unusable.
 */
@Command(
    name = "push",
    description = "Upload what a pipeline's lockfile references to the remote store.")
public final class StorePushCommand extends StoreTransferCommand {
  public StorePushCommand() {
    super(StoreTransfer.PUSH);
  }
}
