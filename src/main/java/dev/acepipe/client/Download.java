package dev.acepipe.client;

import java.nio.file.Path;

/**
 * A take downloaded to {@code path}: its size and SHA-256 (lower-case hex), computed while
 * streaming.
 */
public record Download(Path path, long bytes, String sha256) {}
