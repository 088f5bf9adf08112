package org.erp.sessions.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads settings given as ISO-8601 durations ({@code PT30M}). Registered in {@code
 * META-INF/services}, so {@code config.getValue(name, Duration.class)} uses it rather than the
 * implicit {@code Duration.parse} converter, whose failure is not an {@link
 * IllegalArgumentException}.
 */
public class DurationConverter implements Converter<Duration> {

  private static final long serialVersionUID = 1L;

  @Override
  public Duration convert(String value) {
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not an ISO-8601 duration: " + value, e);
    }
  }
}
