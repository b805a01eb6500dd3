package dev.acepipe.server.synth;

/**
 * One sounding event on the timeline: an oscillator note or a one-shot hit. Plain fields because a
 * ten-minute score holds tens of thousands of them and the renderer reads them in its inner loop.
 */
final class Note {
  final long start;

  /** Frames the note is held before release (one-shots: their sample length). */
  final int gate;

  /** Frames until silence, release included. */
  final int length;

  /** Phase increment per frame, as a 32-bit fraction of a cycle. */
  final long increment;

  final float gainLeft;
  final float gainRight;

  /**
   * The pan law's share of each side, so that {@code gainLeft == (float) (amplitude * panLeft)}.
   */
  final double panLeft;

  final double panRight;
  final double amplitude;
  final Timbre timbre;

  Note(long start, int gate, double frequency, double amplitude, double pan, Timbre timbre) {
    this.start = start;
    this.timbre = timbre;
    this.gate = timbre.oneShot ? timbre.table.length : Math.max(1, gate);
    this.length = timbre.oneShot ? timbre.table.length : this.gate + timbre.releaseFrames;
    this.increment = Math.round(frequency / ProceduralSynthesizer.RATE * 4294967296.0);
    // constant-power-ish pan law, pan in -1..1
    this.amplitude = amplitude;
    this.panLeft = Math.sqrt(0.5 * (1 - pan));
    this.panRight = Math.sqrt(0.5 * (1 + pan));
    this.gainLeft = (float) (amplitude * panLeft);
    this.gainRight = (float) (amplitude * panRight);
  }

  long end() {
    return start + length;
  }

  static double frequency(int midi) {
    return 440 * Math.pow(2, (midi - 69) / 12.0);
  }
}
