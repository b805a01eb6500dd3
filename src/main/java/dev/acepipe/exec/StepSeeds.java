package dev.acepipe.exec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives a concrete seed for a step that sets none. Interim: the store package's seed derivation replaces this
 * one method at integration; until then it must only be stable across runs and machines.
 */
public final class StepSeeds {
  private StepSeeds() {}

  /** A seed in {@code 0..2^31-1} from the pipeline seed and the step id; same inputs, same seed. */
  public static long derive(long pipelineSeed, String stepId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((pipelineSeed + "/" + stepId).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      // 31 bits: every server takes it as a non-negative int.
      return v & 0x7fffffffL;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
