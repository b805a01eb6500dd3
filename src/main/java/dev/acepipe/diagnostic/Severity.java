package dev.acepipe.diagnostic;

/** How bad a diagnostic is; only errors make a pipeline invalid. */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
