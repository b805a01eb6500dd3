package dev.acepipe.client;

/** The answer to {@code /release_task}: the new task's id and where it waits. */
public record Submission(String taskId, String status, int queuePosition) {}
