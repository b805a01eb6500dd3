/**
 * The ACE-Step 1.5 REST client: every endpoint of the contract over OkHttp + Jackson, typed
 * statuses and errors, streaming transfers. The interface and wire records are the contract the
 * executor codes against; {@link dev.acepipe.client.OkHttpAceStepClient} built from a {@link
 * dev.acepipe.client.ClientConfig} implements it, and {@link dev.acepipe.client.TransientErrors} is
 * the one place that classifies failures. Package-private classes (interceptors, payload parsing,
 * downloads) are implementation details. See {@code docs/client.md}.
 */
package dev.acepipe.client;
