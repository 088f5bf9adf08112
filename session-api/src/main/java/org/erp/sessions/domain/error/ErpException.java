package org.erp.sessions.domain.error;

import jakarta.ejb.ApplicationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal the client can act on: an {@link ErrorCode} and a human-readable detail that never
 * contains a secret. Rolls back the current transaction, so a refused request changes nothing.
 */
@ApplicationException(rollback = true)
public class ErpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Duration retryAfter;

  public ErpException(ErrorCode code, String detail) {
    this(code, detail, null);
  }

  public ErpException(ErrorCode code, String detail, Duration retryAfter) {
    super(Objects.requireNonNull(detail, "Detail is required."), null, false, false);
    this.code = Objects.requireNonNull(code, "Error code is required.");
    this.retryAfter = retryAfter;
  }

  public ErrorCode code() {
    return code;
  }

  /** How long the client should wait before trying again (for {@code too_many_attempts}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
