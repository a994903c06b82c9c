/**
 * The command line of every Glasshouse command (the jar's and the benchmarks'): picocli runs each one, so usage,
 * {@code --help}, error messages and exit codes are the same everywhere. {@link io.glasshouse.rollup.cli.Cli}
 * runs a command; {@link io.glasshouse.rollup.cli.DurationConverter} reads durations in the one Glasshouse syntax.
 *
 * <p>Exit codes of every command: 0 success, 1 failure at run time, 2 bad arguments (the message names the
 * option and is followed by the usage).
 */
package io.glasshouse.rollup.cli;
