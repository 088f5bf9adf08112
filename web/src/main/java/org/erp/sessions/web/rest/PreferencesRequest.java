package org.erp.sessions.web.rest;

import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;
import org.erp.sessions.domain.validation.OneOf;

/** The body of {@code PATCH /api/me/preferences}: whether lang and tz exist is the service's question. */
@OneOf(value = {"lang", "tz"}, message = "Send lang, tz or both")
public record PreferencesRequest(@NotBlankText @NoNul String lang, @NotBlankText @NoNul String tz) {}
