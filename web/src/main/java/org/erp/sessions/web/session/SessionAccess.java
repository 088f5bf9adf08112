package org.erp.sessions.web.session;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How an endpoint uses the session, read by {@link SessionFilter}. Without this annotation an
 * endpoint needs a valid session, checks CSRF on unsafe methods, and counts as activity.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SessionAccess {

  Mode value() default Mode.REQUIRED;

  /** Whether a call extends the idle deadline; polling ({@code /check}) does not. */
  boolean countsAsActivity() default true;

  /**
   * Whether unsafe methods need the X-CSRF-Token header. Only the Odoo JSON-RPC routes are
   * exempt: they insist on Content-Type application/json instead, which a cross-site form cannot
   * send without a CORS preflight.
   */
  boolean csrfChecked() default true;

  enum Mode {
    /** 401 {@code not_authenticated} without a valid session. */
    REQUIRED,
    /** Works with or without a session (logout); CSRF is still checked when there is one. */
    OPTIONAL,
    /** Never looks at the session (login, health). */
    NONE
  }
}
