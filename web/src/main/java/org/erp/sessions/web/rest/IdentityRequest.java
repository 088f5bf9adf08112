package org.erp.sessions.web.rest;

import jakarta.validation.constraints.Size;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;
import org.erp.sessions.domain.validation.OneOf;

/** The body of {@code POST /api/session/identity}: the password, or a two-factor code. */
@OneOf(
    value = {"password", "code"},
    onlyOne = true,
    message = "Send exactly one of password and code")
public record IdentityRequest(
    @NotBlankText @NoNul String password,
    @NotBlankText @NoNul @Size(max = 16, message = "is too long") String code) {}
