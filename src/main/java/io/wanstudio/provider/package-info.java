/**
 * The anti-corruption layer for Novita: its request rules, the Rest Client, the fault-tolerance policies and the
 * mapping of its answers and errors to our own types. Novita's JSON never leaves this package.
 */
package io.wanstudio.provider;
