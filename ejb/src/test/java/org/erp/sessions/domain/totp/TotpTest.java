package org.erp.sessions.domain.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  /** RFC 6238 Appendix B's SHA-1 key: the ASCII digits "1234567890" twice (20 bytes). */
  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "T = {0} s: {1}")
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void theCodesOfRfc6238sSha1TestVectors(long epochSeconds, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(epochSeconds));
    assertEquals(expected, Totp.code(RFC_KEY, step, 8));
    // Six digits, as apps show them, are the last six of the same number.
    assertEquals(expected.substring(2), Totp.code(RFC_KEY, step, Totp.DIGITS));
  }

  @Test
  void aCodeOfThePreviousCurrentOrNextStepIsAcceptedButNotFurther() {
    Instant now = Instant.ofEpochSecond(1_234_567_890);
    long current = Totp.step(now);
    for (long step = current - 1; step <= current + 1; step++) {
      String code = Totp.code(RFC_KEY, step, 6);
      assertEquals(OptionalLong.of(step), Totp.matchingStep(RFC_KEY, code, now, UserTotp.NO_STEP));
    }
    assertTrue(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, current - 2, 6), now, -1).isEmpty());
    assertTrue(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, current + 2, 6), now, -1).isEmpty());
  }

  @Test
  void aCodeOfAStepAlreadyUsedOrEarlierIsARefusedReplay() {
    Instant now = Instant.ofEpochSecond(1_234_567_890);
    long current = Totp.step(now);
    String code = Totp.code(RFC_KEY, current, 6);
    assertTrue(Totp.matchingStep(RFC_KEY, code, now, current).isEmpty());
    assertTrue(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, current - 1, 6), now, current).isEmpty());
    // The next step's code still works after the current one was used.
    String next = Totp.code(RFC_KEY, current + 1, 6);
    assertEquals(OptionalLong.of(current + 1), Totp.matchingStep(RFC_KEY, next, now, current));
  }

  @Test
  void anythingButSixDigitsIsNoCode() {
    Instant now = Instant.ofEpochSecond(59);
    String right = Totp.code(RFC_KEY, Totp.step(now), 6);
    for (String sent : new String[] {null, "", right + "0", right.substring(1), " " + right.substring(1), "abcdef"}) {
      assertTrue(Totp.matchingStep(RFC_KEY, sent, now, -1).isEmpty(), String.valueOf(sent));
    }
  }
}
