package dev.acepipe.cli;

import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What {@code engine store push} and {@code pull} are: the {@link StoreTransfer} the subcommand is
 * named after ({@code push} is {@link StoreTransfer#PUSH}), run over a {@link StoreTarget}.
 * Subclasses give the name and the help.
 */
abstract class StoreTransferCommand extends StoreSubcommand {
  @Spec CommandSpec spec;

  @Mixin StoreTarget target = new StoreTarget();

  @Override
  public Integer call() {
    return StoreTransfer.valueOf(spec.name().toUpperCase(Locale.ROOT)).run(target, parent.main);
  }
}
