package org.erp.sessions.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedirectTargetsTest {

  @Test
  void pathsOfThisSiteInPrintableAsciiAreFollowed() {
    for (String local :
        new String[] {"/", "/web", "/web?debug=1#menu", "/odoo/action-1", "/%0d%0a", "/a%20b"}) {
      assertEquals(local, RedirectTargets.sameSitePathOrRoot(local));
    }
    String longest = "/" + "a".repeat(RedirectTargets.MAX_LENGTH - 1);
    assertEquals(longest, RedirectTargets.sameSitePathOrRoot(longest));
  }

  @Test
  void everythingElseGoesToTheRoot() {
    for (String foreign :
        new String[] {
          null, "", "web", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil",
          "http://evil.example/", "https:/evil", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y",
          " /web", "/web page", "/%2F%2Fevil", "/%2f%2fevil", "/%5Cevil",
          // Undertow writes one byte per character: these would become '/', '\' and CR LF.
          "/\u012Fevil.example", "/\u015Cevil.example", "/x\u010D\u010ASet-Cookie: a=b",
          "/caf\u00e9", "/\u007f",
          "/" + "a".repeat(RedirectTargets.MAX_LENGTH),
          "/" + "a".repeat(20 * 1024)
        }) {
      assertEquals("/", RedirectTargets.sameSitePathOrRoot(foreign), "redirect for " + foreign);
    }
  }
}
