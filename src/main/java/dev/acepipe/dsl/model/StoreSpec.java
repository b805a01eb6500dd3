package dev.acepipe.dsl.model;

import java.util.Objects;

/**
 * The {@code store:} block: a shared remote store for the project's takes. Plain text, never
 * credentials (those come from the standard AWS sources); {@code ACEPIPE_REMOTE}/{@code --remote}
 * and their endpoint counterparts override it.
 *
 * @param remote {@code s3://bucket/prefix}
 * @param endpoint an S3-compatible server's URL, or {@code null} for AWS S3
 * @param region the bucket's region, or {@code null} for the standard AWS sources
 */
public record StoreSpec(String remote, String endpoint, String region) {
  public StoreSpec {
    Objects.requireNonNull(remote, "remote");
  }
}
