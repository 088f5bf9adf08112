package org.erp.sessions.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookieHeaderGuardTest {

  @Test
  void readableCookiesAreLeftAlone() {
    assertNull(CookieHeaderGuard.readableCookies(List.of("session_id=abc.node1; theme=dark"), 200));
    assertNull(
        CookieHeaderGuard.readableCookies(List.of("$Version=1; session_id=x; $Path=/"), 200));
  }

  @Test
  void cookiesWithControlOrNonAsciiCharactersAreDropped() {
    assertEquals(
        "session_id=abc",
        CookieHeaderGuard.readableCookies(
            List.of("session_id=abc; other=\u00c3\u00a9; x=a\u0001b"), 200));
    assertEquals("", CookieHeaderGuard.readableCookies(List.of("session_id=\u007f"), 200));
    assertEquals(
        "session_id=abc",
        CookieHeaderGuard.readableCookies(
            List.of("session_id=abc; junk=a\u001f\u0013; z=\u0000"), 200));
  }

  @Test
  void aVersionThatIsNoNumberIsDropped() {
    assertEquals("a=b", CookieHeaderGuard.readableCookies(List.of("$Version=abc; a=b"), 200));
  }

  @Test
  void cookiesBeyondTheLimitAreDropped() {
    assertEquals(
        "a=1; $Path=/; b=2",
        CookieHeaderGuard.readableCookies(List.of("a=1; $Path=/; b=2; c=3", "d=4"), 2));
  }
}
