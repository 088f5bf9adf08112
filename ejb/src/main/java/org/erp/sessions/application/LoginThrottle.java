package org.erp.sessions.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.login.LoginFailure;

/**
 * The login cooldown: after {@code erp.login.cooldown-after} failures for one login, or from one
 * client address, further attempts are refused for {@code erp.login.cooldown}, counted across the
 * cluster (the counters live in the database).
 */
@Stateless
public class LoginThrottle {

  @PersistenceContext private EntityManager em;
  @Inject private ErpConfig config;

  /** Refuses the attempt with {@code too_many_attempts} while the login or address cools down. */
  public void checkAllowed(String login, String clientAddress) {
    Instant now = Instant.now();
    Duration wait = Duration.ZERO;
    for (String key : keys(login, clientAddress)) {
      LoginFailure failure = em.find(LoginFailure.class, key);
      if (failure != null) {
        Duration locked = failure.lockedFor(now, config.loginCooldownAfter(), config.loginCooldown());
        wait = locked.compareTo(wait) > 0 ? locked : wait;
      }
    }
    if (!wait.isZero()) {
      throw new ErpException(
          ErrorCode.TOO_MANY_ATTEMPTS,
          "Too many failed login attempts. Try again in " + retrySeconds(wait) + " seconds.",
          Duration.ofSeconds(retrySeconds(wait)));
    }
  }

  /** Counts a failure in its own transaction: the login's refusal must not roll it back. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordFailure(String login, String clientAddress) {
    Instant now = Instant.now();
    for (String key : keys(login, clientAddress)) {
      LoginFailure failure = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
      if (failure == null) {
        em.persist(new LoginFailure(key, now));
      } else {
        failure.countFailure(now, config.loginCooldown());
      }
    }
    em.flush();
  }

  /**
   * A good password clears the login's count. The address keeps its count: one valid account
   * must not let an address go on guessing the passwords of others.
   */
  public void recordSuccess(String login) {
    LoginFailure failure = em.find(LoginFailure.class, loginKey(login));
    if (failure != null) {
      em.remove(failure);
    }
  }

  private static long retrySeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static List<String> keys(String login, String clientAddress) {
    return List.of(loginKey(login), sha256("address:" + clientAddress));
  }

  private static String loginKey(String login) {
    return sha256("login:" + login);
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform.", e);
    }
  }
}
