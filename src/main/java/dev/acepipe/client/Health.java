package dev.acepipe.client;

/** The payload of {@code GET /health}. */
public record Health(String status, String service, String version) {}
