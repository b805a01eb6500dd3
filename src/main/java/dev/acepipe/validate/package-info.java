/**
 * Validation: {@link dev.acepipe.diagnostic.Diagnostic} (a located, coded problem), one class per
 * semantic rule, the JSON Schema check mapped back to line:column, the diagnostic printer, and
 * {@link dev.acepipe.validate.PipelineChecker} which runs load → decode → rules for one file.
 */
package dev.acepipe.validate;
