/**
 * Planning: the one JGraphT graph of a pipeline (edges from {@code from:}, {@code reference:},
 * {@code ${steps...}} and {@code needs:}), matrix expansion into instances, a deterministic
 * topological order, parallel levels, cycle reports naming steps, and DOT/Mermaid/JSON/text
 * renderings.
 *
 * <p>The executor consumes a {@link dev.acepipe.plan.Plan}: walk {@link
 * dev.acepipe.plan.Plan#order()} (or {@link dev.acepipe.plan.Plan#levels()}), and once a step's
 * dependencies have run call {@link dev.acepipe.plan.PlannedStep#resolve(StepOutputs)} to get its
 * concrete request values.
 */
package dev.acepipe.plan;
