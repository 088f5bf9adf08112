package org.erp.sessions.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;

/** Asserts that an action is refused with a given error code. */
public final class Refusals {
  private Refusals() {}

  public static void assertCode(ErrorCode code, Runnable action) {
    assertEquals(code, assertThrows(ErpException.class, action::run).code());
  }
}
