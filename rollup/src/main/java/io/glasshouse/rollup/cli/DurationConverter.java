package io.glasshouse.rollup.cli;

import io.glasshouse.rollup.query.TimeSyntax;
import java.time.Duration;
import picocli.CommandLine;

/**
 * A duration option in the one Glasshouse syntax ({@link TimeSyntax#parseDuration}: {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 1d}, {@code 1w}, ISO-8601 {@code PT1H}, bare seconds); a bad value is a usage error naming
 * the accepted forms.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return TimeSyntax.parseDuration(value);
    } catch (RuntimeException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
