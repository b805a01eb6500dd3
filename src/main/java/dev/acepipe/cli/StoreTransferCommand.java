package dev.acepipe.cli;

import picocli.CommandLine.Mixin;

/**
 * What {@code engine store push} and {@code pull} are: one {@link StoreTransfer} direction, run
 * over a {@link StoreTarget}. Subclasses give the direction, the name and the help.
 */
abstract class StoreTransferCommand extends StoreSubcommand {
  private final StoreTransfer transfer;

  @Mixin StoreTarget target = new StoreTarget();

  StoreTransferCommand(StoreTransfer transfer) {
    this.transfer = transfer;
  }

  @Override
  public Integer call() {
    return transfer.run(target, parent.main);
  }
}
