/**
 * The {@code registrykit} command line: a small hand-written subcommand parser and one class per
 * subcommand, each a thin layer over the public API of registry-core, registry-client and
 * registry-testkit.
 *
 * <p>Exit codes: {@code 0} on success, {@code 2} for a usage error or invalid input (an unknown
 * option, a malformed reference), {@code 1} for any other failure (the registry refused, a file is
 * missing). Errors are one line on standard error; stack traces only with {@code --debug}.
 * Passwords given on the command line ({@code --creds}, {@code --user}) never appear in any output.
 */
@NullMarked
package dev.registrykit.examples.cli;

import org.jspecify.annotations.NullMarked;
