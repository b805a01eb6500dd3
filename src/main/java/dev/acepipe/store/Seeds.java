package dev.acepipe.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;

/**
 * The documented, version- and platform-stable seed function. Every request acepipe sends carries a
 * concrete seed in {@code [0, 2^31 - 1]}; never {@code -1} (ACE-Step's "pick a random seed").
 *
 * <p><b>Why 31 bits:</b> ACE-Step reads {@code seed} as a Python int and hands it to torch/numpy
 * generators (numpy's seeding accepts only {@code 0..2^32-1}); a non-negative 31-bit value is the
 * same number at every hop (a Java {@code int}, a numpy {@code int32}, JSON in any client) and can
 * never collide with the {@code -1} sentinel or any other negative value.
 *
 * <p><b>Definition</b> (v1, frozen): {@code derive(p, id, t, r)} is the first four bytes of {@code
 * SHA-256("acepipe-seed/1" 0x00 p(8 bytes, big-endian) NFC(id)(UTF-8) 0x00 t(4 bytes, big-endian)
 * r(4 bytes, big-endian))}, read as a big-endian unsigned 32-bit integer and shifted right by one
 * bit. {@code r} is the reroll counter: 0 for the original draw, 1, 2, ... after each {@code engine
 * run --reroll}; it is recorded in the lockfile so the rerolled seed is reproducible too.
 *
 * <p><b>Takes:</b> a real server given {@code batch_size N} receives one seed per request. acepipe
 * sends the seed of take 0 ({@code takeIndex = 0}); the server derives the others itself and
 * reports all of them in {@code seed_value} ("s1,s2,..."), which the lockfile records as {@code
 * seeds_reported}. Take indexes above 0 are used when the executor submits takes as separate {@code
 * batch_size 1} requests, and by the embedded server.
 */
public final class Seeds {
  /** The largest seed acepipe sends: {@code 2^31 - 1}. */
  public static final long MAX = Integer.MAX_VALUE;

  private static final byte[] DOMAIN = "acepipe-seed/1".getBytes(StandardCharsets.US_ASCII);

  private Seeds() {}

  /** The seed of take {@code takeIndex} of step {@code stepId}, before any reroll. */
  public static long derive(long pipelineSeed, String stepId, int takeIndex) {
    return derive(pipelineSeed, stepId, takeIndex, 0);
  }

  /**
   * The seed of take {@code takeIndex} of step {@code stepId} after {@code reroll} rerolls; {@code
   * reroll = 0} equals {@link #derive(long, String, int)}.
   *
   * @throws IllegalArgumentException if {@code stepId} is blank or {@code takeIndex}/{@code reroll}
   *     negative
   */
  public static long derive(long pipelineSeed, String stepId, int takeIndex, int reroll) {
    if (stepId == null || stepId.isBlank()) {
      throw new IllegalArgumentException("stepId must not be blank");
    }
    if (takeIndex < 0 || reroll < 0) {
      throw new IllegalArgumentException(
          "takeIndex and reroll must be >= 0, got " + takeIndex + ", " + reroll);
    }
    byte[] id = Normalizer.normalize(stepId, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(DOMAIN.length + 1 + 8 + id.length + 1 + 4 + 4);
    buf.put(DOMAIN)
        .put((byte) 0)
        .putLong(pipelineSeed)
        .put(id)
        .put((byte) 0)
        .putInt(takeIndex)
        .putInt(reroll);
    MessageDigest md = Hashes.sha256();
    byte[] digest = md.digest(buf.array());
    long top32 = ByteBuffer.wrap(digest, 0, 4).getInt() & 0xffff_ffffL;
    return top32 >>> 1;
  }

  /**
   * The seed a request carries. Without a step {@code seed:} this is {@link #derive}. With one,
   * take 0 before any reroll uses it as is; other takes and rerolls derive from it as if it were
   * the pipeline seed.
   *
   * @param explicitStepSeed the step's {@code seed:} or {@code null}
   * @throws IllegalArgumentException if the explicit seed is out of {@code [0, MAX]}
   */
  public static long forRequest(
      Long explicitStepSeed, long pipelineSeed, String stepId, int takeIndex, int reroll) {
    if (explicitStepSeed == null) {
      return derive(pipelineSeed, stepId, takeIndex, reroll);
    }
    requireValid(explicitStepSeed);
    return reroll == 0 && takeIndex == 0
        ? explicitStepSeed
        : derive(explicitStepSeed, stepId, takeIndex, reroll);
  }

  /** True when ACE-Step takes {@code seed} as a fixed seed: {@code 0 <= seed <= MAX}. */
  public static boolean isValid(long seed) {
    return seed >= 0 && seed <= MAX;
  }

  /** Returns {@code seed} or throws {@link IllegalArgumentException} explaining the range. */
  public static long requireValid(long seed) {
    if (!isValid(seed)) {
      throw new IllegalArgumentException("seed " + seed + " is out of range: seeds are 0.." + MAX);
    }
    return seed;
  }
}
