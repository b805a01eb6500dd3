package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepKind;

/**
 * The one registry of step kinds: each {@link StepKind} to its {@link StepHandler}. The switch is
 * exhaustive, so a new kind does not compile until it has a handler.
 */
public final class StepHandlers {
  private static final StepHandler GENERATE = new GenerateHandler();
  private static final StepHandler SAMPLE = new SampleHandler();
  private static final StepHandler CONTINUE = new ContinueHandler();
  private static final StepHandler REPAINT = new RepaintHandler();
  private static final StepHandler COVER = new CoverHandler();
  private static final StepHandler FORMAT = new FormatHandler();
  private static final StepHandler IMPORT = new ImportHandler();
  private static final StepHandler RANDOM = new RandomHandler();
  private static final StepHandler SELECT = new SelectHandler();
  private static final StepHandler EXTRACT = new TrackHandler(StepKind.EXTRACT);
  private static final StepHandler LEGO = new TrackHandler(StepKind.LEGO);
  private static final StepHandler COMPLETE = new TrackHandler(StepKind.COMPLETE);

  private StepHandlers() {}

  /** The handler of {@code kind}. */
  public static StepHandler of(StepKind kind) {
    return switch (kind) {
      case GENERATE -> GENERATE;
      case SAMPLE -> SAMPLE;
      case CONTINUE -> CONTINUE;
      case REPAINT -> REPAINT;
      case COVER -> COVER;
      case FORMAT -> FORMAT;
      case IMPORT -> IMPORT;
      case RANDOM -> RANDOM;
      case SELECT -> SELECT;
      case EXTRACT -> EXTRACT;
      case LEGO -> LEGO;
      case COMPLETE -> COMPLETE;
    };
  }

  /** The handler of the kind that sent {@code action}. */
  public static StepHandler of(StepAction action) {
    return of(action.stepKind());
  }

  /**
   * The handler of a job kind.
   *
   * @throws IllegalStateException when {@code kind} does not run as a server job
   */
  public static JobHandler job(StepKind kind) {
    if (of(kind) instanceof JobHandler h) {
      return h;
    }
    throw new IllegalStateException(kind.yamlName() + " is not a server job");
  }
}
