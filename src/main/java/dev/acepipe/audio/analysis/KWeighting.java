package dev.acepipe.audio.analysis;

/**
 * The K-weighting filter of ITU-R BS.1770-4: a high-shelf "head" stage (about +4 dB above 2 kHz)
 * followed by a high-pass "RLB" stage (about 38 Hz), as two biquads.
 *
 * <p>The standard tabulates coefficients for 48 kHz only. Here they are derived for any rate from
 * the analog prototypes those tables were designed from (shelf centre, gain and Q; high-pass corner
 * and Q) by the bilinear transform with frequency pre-warping, which reproduces the 48 kHz table to
 * better than 1e-8.
 */
public final class KWeighting {
  // Prototype parameters that reproduce the 48 kHz coefficient table of BS.1770-4.
  private static final double SHELF_HZ = 1681.974450955533;
  private static final double SHELF_GAIN_DB = 3.999843853973347;
  private static final double SHELF_Q = 0.7071752369554196;
  // Exponent that places the shelf's band-edge gain where the published table has it.
  private static final double SHELF_BAND_EXPONENT = 0.4996667741545416;
  private static final double HIGHPASS_HZ = 38.13547087602444;
  private static final double HIGHPASS_Q = 0.5003270373238773;

  /** Normalised biquad coefficients {@code b0, b1, b2, a1, a2} (a0 = 1). */
  public record Biquad(double b0, double b1, double b2, double a1, double a2) {}

  private KWeighting() {}

  /** The high-shelf stage at {@code sampleRate}. */
  public static Biquad shelf(int sampleRate) {
    double k = Math.tan(Math.PI * SHELF_HZ / sampleRate);
    double vh = Math.pow(10, SHELF_GAIN_DB / 20);
    double vb = Math.pow(vh, SHELF_BAND_EXPONENT);
    double a0 = 1 + k / SHELF_Q + k * k;
    return new Biquad(
        (vh + vb * k / SHELF_Q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / SHELF_Q + k * k) / a0,
        2 * (k * k - 1) / a0,
        (1 - k / SHELF_Q + k * k) / a0);
  }

  /**
   * The high-pass stage at {@code sampleRate}. Its numerator is {@code 1, -2, 1} unscaled, as in
   * the standard's table: the stage's passband gain is absorbed by the -0.691 dB constant of the
   * loudness formula.
   */
  public static Biquad highPass(int sampleRate) {
    double k = Math.tan(Math.PI * HIGHPASS_HZ / sampleRate);
    double a0 = 1 + k / HIGHPASS_Q + k * k;
    return new Biquad(1, -2, 1, 2 * (k * k - 1) / a0, (1 - k / HIGHPASS_Q + k * k) / a0);
  }
}
