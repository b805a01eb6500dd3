package dev.acepipe.exec;

import java.time.Duration;

/**
 * A snapshot of one step for progress displays.
 *
 * @param stage the server's stage text ("queued", "running", ...) or the executor's ("downloading")
 * @param progress 0..1, or -1 when unknown
 * @param queuePosition where the job waited when submitted, or -1
 * @param server the pool's name of the server the step's job is on; empty with one server or before
 *     the job is submitted
 */
public record StepView(
    String id,
    String kind,
    StepState state,
    int takes,
    String stage,
    double progress,
    int queuePosition,
    Duration elapsed,
    int attempts,
    String error,
    String server) {}
