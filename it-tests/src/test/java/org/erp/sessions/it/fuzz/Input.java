package org.erp.sessions.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated input, still symbolic: the principals' ids and tokens are filled in when sent
 * ({@link World#resolve}).
 */
public record Input(
    Who who,
    String method,
    String pathValue,
    Csrf csrf,
    String contentType,
    String accept,
    Body body) {

  String describe() {
    return who.kind()
        + (who.cookie() == null ? "" : "[" + Text.show(who.cookie(), 60) + "]")
        + " "
        + method
        + " param="
        + (pathValue == null ? "-" : Text.show(pathValue, 80))
        + " csrf="
        + csrf.kind()
        + (csrf.text() == null ? "" : "[" + Text.show(csrf.text(), 40) + "]")
        + " ct="
        + (contentType == null ? "-" : Text.show(contentType, 50))
        + " accept="
        + (accept == null ? "-" : Text.show(accept, 40))
        + (body == null
            ? " no body"
            : " body("
                + body.strategy()
                + ", "
                + body.bytes().length
                + " bytes"
                + (body.chunked() ? ", chunked" : "")
                + ")="
                + Text.show(new String(body.bytes(), StandardCharsets.UTF_8), 120));
  }

  public enum WhoKind {
    /** A second, ordinary user's own valid session. */
    ATTACKER,
    /** The attacker's valid session cookie next to junk cookies. */
    ATTACKER_WITH_JUNK,
    /** An administrator's valid session (admin endpoints only). */
    ADMIN,
    NO_COOKIE,
    /** A random id, or the victim's id with a character changed. */
    FORGED,
    /** A malformed Cookie header: oversized, non-ASCII, control characters, too many cookies. */
    GARBAGE,
    /** The victim's session id from before its last login rotated it. */
    ROTATED,
    /** A session id of the victim's user that was logged out. */
    LOGGED_OUT,
    /** The victim's valid cookie without its CSRF token: every such request must be refused. */
    VICTIM
  }

  /**
   * Who sends the request; {@code cookie} is the generated cookie text for the kinds that need one.
   */
  public record Who(WhoKind kind, String cookie) {}

  public enum CsrfKind {
    OWN,
    MISSING,
    GARBAGE,
    VICTIMS,
    ATTACKERS,
    OWN_MANGLED
  }

  public record Csrf(CsrfKind kind, String text) {}

  public record Body(byte[] bytes, boolean chunked, List<String> passwords, String strategy) {}
}
