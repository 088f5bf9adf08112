package org.erp.sessions.web.problem;

import org.erp.sessions.domain.error.ErrorCode;

/** An RFC 9457 problem detail, with the contract's stable {@code code}. */
public record Problem(String type, String title, int status, String detail, String code) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ErrorCode code, String detail) {
    return new Problem(
        "urn:erp:problem:" + code.code(), code.title(), code.status(), detail, code.code());
  }
}
