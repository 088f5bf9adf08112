package org.erp.sessions.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.password.PasswordHasher;

/**
 * Password hashing on this node: at most {@code erp.password.max-concurrent} hashes at once
 * (each Argon2id takes 19 MiB: hundreds at once would exhaust the heap where the Java one runs),
 * and every verification at the same cost, whatever the user and however the password was
 * stored ({@link PasswordHasher#verifyAtEqualCost}).
 */
@ApplicationScoped
public class PasswordWork {

  /** How long a request waits for a turn before it is told to come back. */
  private static final Duration TURN_WAIT = Duration.ofSeconds(1);

  /** How stale this node's idea of the stored Odoo hashes' highest round count may be. */
  private static final Duration ROUNDS_REFRESH = Duration.ofSeconds(30);

  @Inject private ErpConfig config;
  @PersistenceContext private EntityManager em;

  private Semaphore turns;
  private volatile int odooRounds;
  private volatile long odooRoundsReadAt;
  private volatile boolean odooRoundsKnown;

  @PostConstruct
  void init() {
    turns = new Semaphore(config.passwordMaxConcurrent(), true);
  }

  /**
   * Runs password work in one of this node's turns, or answers {@code 503 service_unavailable}
   * with {@code Retry-After} when none comes free within a second.
   */
  public <T> T inTurn(Supplier<T> work) {
    boolean acquired;
    try {
      acquired = turns.tryAcquire(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new ErpException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "Too many sign-ins at once on this server. Try again in a second.",
          Duration.ofSeconds(1));
    }
    try {
      return work.get();
    } finally {
      turns.release();
    }
  }

  /** Whether the password matches; a null stored hash (an unknown login) costs the same. */
  public boolean verify(String password, String storedHash) {
    return config.passwordHasher().verifyAtEqualCost(password, storedHash, odooRounds());
  }

  public String hash(String password) {
    return config.passwordHasher().hash(password);
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
          em.createNamedQuery("User.odooHashes", String.class).getResultList().stream()
              .mapToInt(hash -> Math.min(PasswordHasher.pbkdf2Rounds(hash), PasswordHasher.MAX_IMPORTED_PBKDF2_ROUNDS))
              .max()
              .orElse(0);
      odooRoundsReadAt = now;
      odooRoundsKnown = true;
    }
    return odooRounds;
  }
}
