package io.glasshouse.rollup.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for every command: {@code @Mixin HelpOption help;} (no {@code --version}: the jar has one). */
public final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
  boolean help;
}
