package dev.acepipe.run;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids: sortable by start time, unique enough for one project ({@code 20261125-120301-3fa9}).
 */
public final class RunIds {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String next(Instant now) {
    return FORMAT.format(now) + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
  }
}
