/**
 * What every stage reports about a pipeline: a {@link dev.acepipe.diagnostic.Diagnostic} with a
 * stable code, a severity and a source location, and how a list of them is printed (text with
 * carets, or JSON). The bottom of the load → decode → check → plan chain: each of those stages
 * imports this package and none imports the others above it.
 */
package dev.acepipe.diagnostic;
