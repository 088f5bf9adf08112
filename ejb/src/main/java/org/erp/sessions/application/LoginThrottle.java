package org.erp.sessions.application;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.login.ClientAddresses;
import org.erp.sessions.domain.login.LoginFailure;
import org.erp.sessions.domain.login.ThrottleRule;
import org.hibernate.Session;

/**
 * The login cooldown, counted across the cluster in the database. An attempt is counted
 * <em>before</em> its password is verified, under a row lock, so however many attempts arrive at
 * once, at most {@code erp.login.cooldown-after} of them are verified; a right password gives
 * its attempt back. Three counts:
 *
 * <ul>
 *   <li>a login at one client address: the cooldown proper ({@code erp.login.cooldown-after});
 *   <li>one client address, whatever the login ({@code erp.login.address-cooldown-after}): one
 *       address cannot go through many logins;
 *   <li>one login, whatever the address ({@code erp.login.slowdown-after}): only a slow-down, one
 *       attempt per {@code erp.login.slowdown-pause}, far above the first, so that someone else's
 *       wrong passwords never lock the owner out from another address.
 * </ul>
 *
 * IPv6 clients are counted per /64 ({@link ClientAddresses}).
 */
@Stateless
public class LoginThrottle {

  /** SQLSTATE of a duplicate key, in H2 as in the SQL standard. */
  private static final String UNIQUE_VIOLATION = "23505";

  @PersistenceContext private EntityManager em;
  @Inject private ErpConfig config;
  @Inject private Clock clock;

  /** The counts one attempt was taken from, to give back when its password was right. */
  public record Reservation(String loginAtAddress, String address, String login) {}

  /**
   * An attempt waited too long for a counter row's lock, or its new row was forgotten as quiet
   * meanwhile: nothing was counted, and the next try goes through. An application exception, so the
   * container rolls back without logging it as a failure.
   */
  @ApplicationException(rollback = true)
  public static class CountRaced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CountRaced(Throwable cause) {
      super("A concurrent attempt changed the same login counters; try again.", cause, false, false);
    }
  }

  /**
   * Counts an attempt, or refuses it with {@code too_many_attempts} (counting nothing) while one of
   * its counts holds attempts back. Its own transaction, committed before the password is
   * verified: concurrent attempts see each other. Rows are locked in key order, so two attempts
   * never wait for each other's rows crosswise. Concurrent first attempts add a missing row once
   * ({@link #insertIfAbsent}); an attempt that could not count fails with {@link CountRaced}, and
   * the caller tries again.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Reservation reserve(String login, String clientAddress) {
    try {
      return count(login, clientAddress);
    } catch (PersistenceException raced) {
      throw new CountRaced(raced);
    }
  }

  private Reservation count(String login, String clientAddress) {
    Instant now = clock.instant();
    Reservation reservation = keys(login, clientAddress);
    Map<String, ThrottleRule> rules = new TreeMap<>();
    rules.put(reservation.loginAtAddress(), loginAtAddressRule());
    rules.put(reservation.address(), addressRule());
    rules.put(reservation.login(), loginRule());
    Map<String, LoginFailure> counters = new TreeMap<>();
    Duration wait = Duration.ZERO;
    for (Map.Entry<String, ThrottleRule> entry : rules.entrySet()) {
      LoginFailure counter = em.find(LoginFailure.class, entry.getKey(), LockModeType.PESSIMISTIC_WRITE);
      if (counter == null) {
        insertIfAbsent(entry.getKey(), now);
        counter = em.find(LoginFailure.class, entry.getKey(), LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
          // Deleted in between as quiet (forgetQuietCounters): the next try adds it again.
          throw new CountRaced(new IllegalStateException("counter row forgotten meanwhile"));
        }
      }
      counters.put(entry.getKey(), counter);
      Duration held = counter.waitBeforeNextAttempt(now, entry.getValue());
      wait = held.compareTo(wait) > 0 ? held : wait;
    }
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw new ErpException(
          ErrorCode.TOO_MANY_ATTEMPTS,
          "Too many failed login attempts. Try again in " + seconds + " seconds.",
          Duration.ofSeconds(seconds));
    }
    counters.forEach((key, counter) -> counter.countAttempt(now, rules.get(key)));
    em.flush();
    return reservation;
  }

  /**
   * The password was right: the login at this address starts afresh, and the attempt is given
   * back to the address and the login (other addresses' failures for the login still count).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void succeeded(Reservation reservation) {
    for (String key : sortedKeys(reservation)) {
      LoginFailure counter = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
      // Reset, not removed: a removed row would make concurrent first attempts race to insert it.
      if (counter != null && key.equals(reservation.loginAtAddress())) {
        counter.reset();
      } else if (counter != null) {
        counter.giveBack();
      }
    }
  }

  /** The password was never verified (the node was too busy): the attempt does not count. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void notVerified(Reservation reservation) {
    for (String key : sortedKeys(reservation)) {
      LoginFailure counter = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
      if (counter != null) {
        counter.giveBack();
      }
    }
  }

  /**
   * Deletes the counters that have been quiet for a whole cooldown: their next attempt would
   * start a new count anyway, so nothing changes but the table, which would otherwise keep a row
   * for every login and address ever tried. Returns how many.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int forgetQuietCounters() {
    return em.createQuery("delete from LoginFailure f where f.lastFailureAt < :quietSince")
        .setParameter("quietSince", clock.instant().minus(config.loginCooldown()))
        .executeUpdate();
  }

  /**
   * Adds a counter row unless one exists, without an error when a concurrent first attempt adds
   * it first: that attempt's insert is waited for, then this one does nothing. (An entity persist
   * would fail on the unique key, and Hibernate logs every such failure as an ERROR, though the
   * login goes on.) PostgreSQL skips the row with {@code ON CONFLICT DO NOTHING}; a failed
   * statement would end its transaction. H2 has no such clause, and a failed statement leaves its
   * transaction usable, so the duplicate key is caught here, before Hibernate sees it.
   */
  private void insertIfAbsent(String key, Instant now) {
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              boolean postgres =
                  connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
              String insert =
                  "insert into erp_login_failure (throttle_key, failures, last_failure_at)"
                      + " values (?, 0, ?)"
                      + (postgres ? " on conflict (throttle_key) do nothing" : "");
              try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, key);
                statement.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                statement.executeUpdate();
              } catch (SQLException duplicate) {
                if (postgres || !UNIQUE_VIOLATION.equals(duplicate.getSQLState())) {
                  throw duplicate;
                }
              }
            });
  }

  private static List<String> sortedKeys(Reservation reservation) {
    return Stream.of(reservation.loginAtAddress(), reservation.address(), reservation.login())
        .sorted()
        .toList();
  }

  private ThrottleRule loginAtAddressRule() {
    return ThrottleRule.cooldown(config.loginCooldownAfter(), config.loginCooldown());
  }

  private ThrottleRule addressRule() {
    return ThrottleRule.cooldown(config.loginAddressCooldownAfter(), config.loginCooldown());
  }

  private ThrottleRule loginRule() {
    return new ThrottleRule(
        config.loginSlowdownAfter(), config.loginCooldown(), config.loginSlowdownPause());
  }

  private static Reservation keys(String login, String clientAddress) {
    String address = ClientAddresses.throttleKey(clientAddress);
    return new Reservation(
        sha256("login-at-address:" + login + "\n" + address),
        sha256("address:" + address),
        sha256("login:" + login));
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
