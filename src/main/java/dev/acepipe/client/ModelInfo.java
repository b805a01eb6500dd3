package dev.acepipe.client;

/** One DiT model the server offers; {@code name} without any {@code acestep/} prefix. */
public record ModelInfo(String name, boolean isDefault) {}
