package org.erp.sessions.application.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionLogNameTest {

  private static final String ID = "Xq3m9kQhU2pZ7wR1tY5nB8vC0dF4gH6jK_L-aS2e";

  @Test
  void theSameSessionGetsTheSameNameUnderTheSameSalt() {
    byte[] salt = "cluster-wide secret".getBytes(StandardCharsets.UTF_8);
    assertEquals(SessionLogName.name(salt, ID), SessionLogName.name(salt, ID));
  }

  @Test
  void theNameIsAShortHashThatHoldsNothingOfTheId() {
    String name = SessionLogName.name("salt".getBytes(StandardCharsets.UTF_8), ID);
    assertTrue(name.matches("s:[0-9a-f]{16}"), name);
    assertFalse(ID.contains(name.substring(2, 8)));
  }

  @Test
  void anotherSaltGivesAnotherName() {
    assertNotEquals(
        SessionLogName.name("one".getBytes(StandardCharsets.UTF_8), ID),
        SessionLogName.name("two".getBytes(StandardCharsets.UTF_8), ID));
  }
}
