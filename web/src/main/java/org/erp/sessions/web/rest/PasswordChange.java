package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotNull;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;

/** The body of {@code PUT /api/me/password}; the password policy is the service's (weak_password). */
public record PasswordChange(
    @NotNull(message = "is required") @NotBlankText @NoNul String currentPassword,
    @NotNull(message = "is required") @NotBlankText @NoNul String newPassword) {}
