package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotNull;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;

/** The body of {@code POST /api/session}. */
public record LoginRequest(
    @NotNull(message = "is required") @NotBlankText @NoNul String login,
    @NotNull(message = "is required") @NotBlankText @NoNul String password) {}
