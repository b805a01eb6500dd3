package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepKind;

/**
 * The behaviour of one step kind, in one class: what the step sends ({@link #action}), and through
 * its family what it does, what it produces and how it is cached and shown. {@link StepHandlers}
 * gives each {@link StepKind} its handler; the executor loop, the cache status and the lock policy
 * ask the handler and never test a kind themselves.
 *
 * <p>The three families are the three ways a step runs, and each is cached its own way:
 *
 * <ul>
 *   <li>{@link JobHandler}: an asynchronous server job whose takes are downloaded; fingerprinted,
 *       stored in the artifact store and recorded as a lock block.
 *   <li>{@link AnswerHandler}: a synchronous server call that answers text; the answer is pinned in
 *       the lockfile.
 *   <li>{@link LocalHandler}: work done here without a server; computed again on every run.
 * </ul>
 */
public sealed interface StepHandler permits JobHandler, AnswerHandler, LocalHandler {

  /** The kind this handler serves. */
  StepKind kind();

  /**
   * What the step sends once its inputs are known.
   *
   * @throws IllegalArgumentException with a user-facing message when the step cannot run as
   *     resolved (a missing upstream field, a relative {@code server_path}, no recorded choice)
   */
  StepAction action(ActionInput in);
}
