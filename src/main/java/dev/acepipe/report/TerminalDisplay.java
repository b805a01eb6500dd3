package dev.acepipe.report;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * Where progress goes and what it may do there: whether it is an interactive terminal (redraw a
 * table in place) or a log (CI, a pipe: one line per event), whether colour is allowed, and the
 * terminal's current size.
 *
 * <p>{@link #system(Map)} asks JLine for the size and colour capability of the process's terminal;
 * the size is read again on every draw, so a resized window is honoured. Colour is off when {@code
 * NO_COLOR} is set (to anything but the empty string, see no-color.org), for {@code TERM=dumb}, and
 * whenever the output is not a terminal.
 */
public final class TerminalDisplay implements AutoCloseable {
  /** Columns and rows. */
  public record Size(int columns, int rows) {
    public static final Size DEFAULT = new Size(80, 24);

    public Size {
      columns = columns > 0 ? columns : DEFAULT.columns;
      rows = rows > 0 ? rows : DEFAULT.rows;
    }
  }

  private final boolean interactive;
  private final boolean colour;
  private final Supplier<Size> size;
  private final AutoCloseable resource;

  private TerminalDisplay(
      boolean interactive, boolean colour, Supplier<Size> size, AutoCloseable resource) {
    this.interactive = interactive;
    this.colour = colour && interactive;
    this.size = size;
    this.resource = resource;
  }

  /** A log: no redraws, no colour. */
  public static TerminalDisplay log() {
    return new TerminalDisplay(false, false, () -> Size.DEFAULT, null);
  }

  /** A terminal of a given size, for tests and captures. */
  public static TerminalDisplay fixed(boolean interactive, boolean colour, Supplier<Size> size) {
    return new TerminalDisplay(interactive, colour, size, null);
  }

  /**
   * The process's own terminal when it has one ({@link System#console()}), else a log. A terminal
   * that JLine cannot open is treated as a log rather than guessed at.
   */
  public static TerminalDisplay system(Map<String, String> env) {
    if (System.console() == null) {
      return log();
    }
    try {
      // Progress goes to stderr: when that is redirected (2> log) JLine finds no terminal there and
      // this is a log.
      Terminal t =
          TerminalBuilder.builder()
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .dumb(false)
              .build();
      boolean dumb =
          Terminal.TYPE_DUMB.equals(t.getType())
              || Terminal.TYPE_DUMB_COLOR.equals(t.getType())
              || "dumb".equals(env.get("TERM"));
      if (dumb) {
        t.close();
        return log();
      }
      Integer colours = t.getNumericCapability(InfoCmp.Capability.max_colors);
      boolean colour = noColour(env) ? false : colours != null && colours >= 8;
      return new TerminalDisplay(true, colour, () -> new Size(t.getWidth(), t.getHeight()), t);
    } catch (IOException | RuntimeException e) {
      return log();
    }
  }

  static boolean noColour(Map<String, String> env) {
    String v = env.get("NO_COLOR");
    return v != null && !v.isEmpty();
  }

  public boolean interactive() {
    return interactive;
  }

  public boolean colour() {
    return colour;
  }

  public Size size() {
    return size.get();
  }

  @Override
  public void close() {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // Restoring the terminal is best effort; the run's outcome does not depend on it.
      }
    }
  }
}
