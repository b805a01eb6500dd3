/**
 * Generic graph algorithms over JGraphT graphs that JGraphT does not ship in the shape acepipe
 * needs, one algorithm per class, deterministic by a caller-given vertex order. Nothing here knows
 * about pipelines or steps; planning, validation and the HTML report use these on their own graphs.
 */
package dev.acepipe.graph;
