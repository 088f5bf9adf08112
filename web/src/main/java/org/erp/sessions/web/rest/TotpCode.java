package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotNull;
import org.erp.sessions.domain.validation.NoNul;

/** The body of {@code PUT /api/me/totp}: the code shown by the authenticator app. */
public record TotpCode(@NotNull(message = "is required") @NoNul String code) {}
