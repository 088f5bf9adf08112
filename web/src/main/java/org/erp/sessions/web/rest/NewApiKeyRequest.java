package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;

/**
 * The body of {@code POST /api/me/api-keys}. Whether {@code expires_at} may be absent, and how far
 * ahead it may be, are the service's rules (ApiKeys).
 */
public record NewApiKeyRequest(
    @NotNull(message = "is required") @NotBlankText @NoNul String name, @NoNul String expiresAt) {

  /** {@code expires_at} as an instant; null when absent. */
  Instant expiry() {
    if (expiresAt == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(expiresAt.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new ErpException(
          ErrorCode.VALIDATION_FAILED,
          "expires_at must be an ISO-8601 timestamp such as 2027-01-31T00:00:00Z.");
    }
  }
}
