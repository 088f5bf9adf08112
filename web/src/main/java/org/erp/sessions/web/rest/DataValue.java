package org.erp.sessions.web.rest;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /api/session/data/{key}}: any JSON value, JSON null included. */
public record DataValue(@NotNull(message = "is required (any JSON value)") JsonValue value) {}
