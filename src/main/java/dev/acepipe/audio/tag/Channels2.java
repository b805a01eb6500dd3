package dev.acepipe.audio.tag;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** Positional reads that fail loudly on truncation, and bulk copies of the untouched audio. */
final class Channels2 {
  private Channels2() {}

  static byte[] read(FileChannel ch, long pos, int len, String what) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      int n = ch.read(b, pos + b.position());
      if (n < 0) {
        throw new TagException("file is truncated inside " + what);
      }
    }
    return b.array();
  }

  /** Copies {@code [from, EOF)} of {@code ch} to {@code out} unchanged. */
  static void copyRest(FileChannel ch, long from, OutputStream out) throws IOException {
    WritableByteChannel target = Channels.newChannel(out);
    long size = ch.size();
    for (long pos = from; pos < size; ) {
      pos += ch.transferTo(pos, size - pos, target);
    }
  }

  static int le32(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  static void putLe32(OutputStream out, long v) throws IOException {
    out.write((int) v & 0xff);
    out.write((int) (v >>> 8) & 0xff);
    out.write((int) (v >>> 16) & 0xff);
    out.write((int) (v >>> 24) & 0xff);
  }
}
