/**
 * What a credential is, in one place: which names hold one, how a value is masked, and how a known
 * secret value is removed from any text. Every layer (validation, plan, store, client, reports)
 * asks this package, so a name that counts as a credential in one file counts as one in every file.
 * Depends on nothing but Jackson.
 */
package dev.acepipe.secret;
