package org.erp.sessions.domain.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UserAgentsTest {

  @Test
  void commonBrowsersAndPlatformsAreNamed() {
    assertEquals(
        new UserAgents.Parsed("Chrome", "Linux"),
        UserAgents.parse(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"));
    assertEquals(
        new UserAgents.Parsed("Firefox", "Windows"),
        UserAgents.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0"));
    assertEquals(
        new UserAgents.Parsed("Mobile Safari", "iOS"),
        UserAgents.parse(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
  }

  @Test
  void missingOrUnknownAgentsAreUnknown() {
    assertEquals(new UserAgents.Parsed("Unknown", "Unknown"), UserAgents.parse(null));
    assertEquals(new UserAgents.Parsed("Unknown", "Unknown"), UserAgents.parse("  "));
    assertEquals(new UserAgents.Parsed("Unknown", "Unknown"), UserAgents.parse("x"));
  }

  @Test
  void onlyTheFirst512CharactersAreParsedAndCached() {
    String firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0";
    String padded = firefox + " " + "x".repeat(UserAgents.MAX_LENGTH);
    assertEquals(new UserAgents.Parsed("Firefox", "Windows"), UserAgents.parse(padded));
    // A name beyond the 512th character is never seen: a long header costs no more to parse.
    String hidden = "y".repeat(UserAgents.MAX_LENGTH) + " " + firefox;
    assertEquals(new UserAgents.Parsed("Unknown", "Unknown"), UserAgents.parse(hidden));
    // Headers that differ only past the cut share one cache entry.
    int before = UserAgents.cached();
    UserAgents.parse("z".repeat(UserAgents.MAX_LENGTH) + "-a");
    UserAgents.parse("z".repeat(UserAgents.MAX_LENGTH) + "-b");
    assertEquals(before + 1, UserAgents.cached());
  }
}
