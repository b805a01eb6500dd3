/**
 * End-to-end tests: {@code engine run} through {@link dev.acepipe.cli.Main} against the embedded
 * server.
 */
package dev.acepipe.e2e;
