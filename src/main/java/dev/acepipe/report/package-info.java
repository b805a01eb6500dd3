/**
 * What a run tells its user: live console progress (a table on a terminal, one line per state
 * change otherwise), the text and JSON summaries, and the run manifest. Pure views of {@link
 * dev.acepipe.exec.RunResult}.
 */
package dev.acepipe.report;
