/**
 * The ACE-Step 1.5 REST client: every endpoint of the contract over OkHttp + Jackson, typed statuses and errors,
 * streaming transfers. The interface and wire records are the contract the executor codes against.
 */
package dev.acepipe.client;
