package dev.acepipe.client;

/**
 * The payload of {@code GET /v1/stats}. {@code avgJobSeconds} is 0 when the server has finished no
 * job yet.
 */
public record ServerStats(
    long total,
    long queued,
    long running,
    long succeeded,
    long failed,
    long queueSize,
    long queueMaxSize,
    double avgJobSeconds) {}
