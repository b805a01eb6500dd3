package dev.acepipe.exec;

/**
 * Hears about progress. Called on the executor's loop thread; implementations must be quick and never throw.
 */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  /** A step changed state or stage. */
  default void stepChanged(StepView view) {}

  /** One poll tick finished; {@code views} holds every step (for live tables). */
  default void tick(java.util.List<StepView> views) {}
}
