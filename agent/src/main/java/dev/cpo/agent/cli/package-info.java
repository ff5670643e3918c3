/**
 * The one executable's command line (picocli): {@code run} composes the components in order;
 * {@code check-config}, {@code sim snapshot}, {@code fault ...} (a client of the control API) and
 * {@code scenario run}. Only this package prints to standard output.
 */
package dev.cpo.agent.cli;
