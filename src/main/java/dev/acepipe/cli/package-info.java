/**
 * The picocli commands and the composition root ({@link dev.acepipe.cli.Main}): the only place that
 * wires objects together, prints to the user and decides exit codes.
 */
package dev.acepipe.cli;
