package dev.acepipe.server.synth;

import java.nio.file.Path;

/**
 * What the synthesizer wrote for one take, and the musical parameters it actually used (reported by
 * the server as the take's {@code metas}).
 */
public record RenderedTake(
    Path file,
    double durationSeconds,
    int bpm,
    String keyScale,
    String timeSignature,
    String genres) {}
