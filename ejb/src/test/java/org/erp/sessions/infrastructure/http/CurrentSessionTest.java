package org.erp.sessions.infrastructure.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.application.session.SessionStorage;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.device.EndReason;
import org.junit.jupiter.api.Test;

class CurrentSessionTest {

  private final SessionService sessions = new SessionService();

  @Test
  void aCheckThatFailedFailsEveryLaterAskerOfTheRequestInsteadOfAnsweringNoSession() {
    CurrentSession current = new CurrentSession();
    current.attach(new Storage(true), "PUT", "token");

    RuntimeException failure = assertThrows(RuntimeException.class, () -> current.check(sessions));

    assertSame(failure, assertThrows(RuntimeException.class, () -> current.check(sessions)));
    assertSame(failure, assertThrows(RuntimeException.class, current::optional));
    assertSame(failure, assertThrows(RuntimeException.class, current::get));
    assertSame(failure, assertThrows(RuntimeException.class, current::csrfProven));
  }

  @Test
  void aNewBindingIsCheckedAgain() {
    CurrentSession current = new CurrentSession();
    current.attach(new Storage(true), "GET", null);
    assertThrows(RuntimeException.class, () -> current.check(sessions));

    current.attach(new Storage(false), "GET", null);

    assertEquals(Optional.empty(), current.check(sessions));
  }

  /** A request's session that exists, but whose store cannot be read at the moment (or none). */
  private record Storage(boolean exists) implements SessionStorage {

    @Override
    public Optional<Stored> read() {
      throw new IllegalStateException("the session store cannot be reached");
    }

    @Override
    public void start(SessionState state, Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void store(SessionState state) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void touch(Instant at) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String rotateId() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void invalidate(EndReason reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String idForLogs() {
      return null;
    }

    @Override
    public Optional<Instant> identityCheckedAt() {
      return Optional.empty();
    }

    @Override
    public void identityChecked(Instant at) {
      throw new UnsupportedOperationException();
    }
  }
}
