package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotNull;
import org.erp.sessions.domain.validation.NoNul;

/** The body of {@code POST /api/session/totp}; {@code remember_device} is false when left out. */
public record SecondStep(@NotNull(message = "is required") @NoNul String code, Boolean rememberDevice) {

  public boolean remember() {
    return Boolean.TRUE.equals(rememberDevice);
  }
}
