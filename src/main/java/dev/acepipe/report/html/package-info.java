/**
 * The self-contained HTML report of a run, and the report input model every CI report shares.
 *
 * <p>{@link dev.acepipe.report.html.RunReport} (with {@link dev.acepipe.report.html.StepRun} and
 * {@link dev.acepipe.report.html.TakeRun}) is a plain description of a finished run, independent of
 * how the executor stores its manifest. {@link dev.acepipe.report.html.HtmlReport} turns it into
 * {@code report.html} beside the run's audio: inline CSS, an inline SVG graph, engine-rendered
 * waveform PNGs and only relative links, so an old report still opens offline.
 */
package dev.acepipe.report.html;
