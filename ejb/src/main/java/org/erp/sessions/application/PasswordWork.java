package org.erp.sessions.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.password.PasswordHasher;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.infrastructure.metrics.ErpMetrics;

/**
 * Password hashing on this node: at most {@code erp.password.max-concurrent} hashes at once
 * (each Argon2id takes 19 MiB: hundreds at once would exhaust the heap where the Java one runs),
 * and every verification at the same cost, whatever the user and however the password was
 * stored ({@link PasswordHasher#verifyAtEqualCost}).
 */
@ApplicationScoped
public class PasswordWork {

  /** How stale this node's idea of the stored Odoo hashes' highest round count may be. */
  private static final Duration ROUNDS_REFRESH = Duration.ofSeconds(30);

  @Inject private ErpConfig config;
  @Inject private UserRepository users;
  @Inject private ErpMetrics metrics;

  /** Hashes running now; guarded by {@code this}. */
  private int turnsTaken;
  private volatile int odooRounds;
  private volatile long odooRoundsReadAt;
  private volatile boolean odooRoundsKnown;

  /**
   * Runs password work in one of this node's turns, or answers {@code 503 service_unavailable}
   * with {@code Retry-After} when none comes free within {@code erp.password.turn-wait}. Both
   * settings are read at each call, so an operator can change them on a running node.
   */
  public <T> T inTurn(Supplier<T> work) {
    if (!takeTurn(config.passwordMaxConcurrent(), config.passwordTurnWait())) {
      throw new ErpException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "Too many sign-ins at once on this server. Try again in a second.",
          Duration.ofSeconds(1));
    }
    try {
      return work.get();
    } finally {
      giveTurnBack();
    }
  }

  private synchronized boolean takeTurn(int limit, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (turnsTaken >= limit) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    turnsTaken++;
    return true;
  }

  private synchronized void giveTurnBack() {
    turnsTaken--;
    notify();
  }

  /** Whether the password matches; a null stored hash (an unknown login) costs the same. */
  public boolean verify(String password, String storedHash) {
    int rounds = odooRounds();
    return metrics.passwordHash(
        "verify", () -> config.passwordHasher().verifyAtEqualCost(password, storedHash, rounds));
  }

  public String hash(String password) {
    return metrics.passwordHash("hash", () -> config.passwordHasher().hash(password));
  }

  public boolean needsRehash(String storedHash) {
    return config.passwordHasher().needsRehash(storedHash);
  }

  /** A stored Odoo hash was added or replaced: read the highest round count again. */
  public void odooHashesChanged() {
    odooRoundsKnown = false;
  }

  private int odooRounds() {
    long now = System.nanoTime();
    if (!odooRoundsKnown || now - odooRoundsReadAt > ROUNDS_REFRESH.toNanos()) {
      odooRounds =
          users.odooHashes().stream()
              .mapToInt(hash -> Math.min(PasswordHasher.pbkdf2Rounds(hash), PasswordHasher.MAX_IMPORTED_PBKDF2_ROUNDS))
              .max()
              .orElse(0);
      odooRoundsReadAt = now;
      odooRoundsKnown = true;
    }
    return odooRounds;
  }
}
