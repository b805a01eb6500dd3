package dev.acepipe.cli;

/** How a command prints its result: for people ({@code text}) or for programs ({@code json}). */
public enum OutputFormat {
  text,
  json
}
