/**
 * GitHub Actions integration: workflow-command annotations for diagnostics and failed steps, and
 * the markdown job summary appended to {@code $GITHUB_STEP_SUMMARY}. The environment is always
 * passed in as a map, so nothing here reads {@code System.getenv} and tests can play GitHub.
 */
package dev.acepipe.report.github;
