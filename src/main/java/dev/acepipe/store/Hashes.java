package dev.acepipe.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers: lower-case hex everywhere, so hashes compare as plain strings. */
public final class Hashes {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private Hashes() {}

  /** A fresh SHA-256 digest; every JVM is required to provide one. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in every JVM", e);
    }
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256().digest(bytes));
  }

  /** Lower-case hex SHA-256 of the file's bytes, streamed. */
  public static String sha256Hex(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HEX.formatHex(md.digest());
  }

  /** Lower-case hex of a finished digest. */
  public static String hex(byte[] digest) {
    return HEX.formatHex(digest);
  }

  /** True for exactly 64 lower-case hex digits. */
  public static boolean isSha256Hex(String s) {
    return s != null && SHA256_HEX.matcher(s).matches();
  }

  /** Returns {@code s} or throws {@link IllegalArgumentException} naming {@code what}. */
  public static String requireSha256Hex(String s, String what) {
    if (!isSha256Hex(s)) {
      throw new IllegalArgumentException(
          what + " must be 64 lower-case hex digits, got '" + s + "'");
    }
    return s;
  }
}
