package org.erp.sessions.web.session;

import java.io.Serial;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.wildfly.clustering.web.annotation.Immutable;

/**
 * What the HttpSession holds for an authenticated user: who it is, which companies are active,
 * the security stamp it was created under, its deadlines and its CSRF secret.
 *
 * <p>Immutable: a change (a company switch, a new stamp) stores a new value with {@code
 * setAttribute}, and the session manager replicates it then, never on a mere read.
 */
@Immutable
public final class SessionState implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int uid;
  private final List<Integer> activeCompanyIds;
  private final String securityStamp;
  private final Instant createdAt;
  private final Instant absoluteExpiresAt;
  private final Duration idleTimeout;
  private final String csrfToken;
  private final String deviceId;

  SessionState(
      int uid,
      List<Integer> activeCompanyIds,
      String securityStamp,
      Instant createdAt,
      Instant absoluteExpiresAt,
      Duration idleTimeout,
      String csrfToken,
      String deviceId) {
    this.uid = uid;
    this.activeCompanyIds = List.copyOf(activeCompanyIds);
    this.securityStamp = Objects.requireNonNull(securityStamp);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.absoluteExpiresAt = Objects.requireNonNull(absoluteExpiresAt);
    this.idleTimeout = Objects.requireNonNull(idleTimeout);
    this.csrfToken = Objects.requireNonNull(csrfToken);
    this.deviceId = Objects.requireNonNull(deviceId);
  }

  /** A new session's state; the timeouts in force now stay with the session for its lifetime. */
  public static SessionState start(
      int uid,
      List<Integer> activeCompanyIds,
      String securityStamp,
      Instant createdAt,
      Instant absoluteExpiresAt,
      Duration idleTimeout,
      String deviceId) {
    return new SessionState(
        uid,
        activeCompanyIds,
        securityStamp,
        createdAt,
        absoluteExpiresAt,
        idleTimeout,
        randomToken(32),
        deviceId);
  }

  public SessionState withActiveCompanies(List<Integer> companyIds) {
    return new SessionState(
        uid, companyIds, securityStamp, createdAt, absoluteExpiresAt, idleTimeout, csrfToken,
        deviceId);
  }

  public SessionState withSecurityStamp(String stamp) {
    return new SessionState(
        uid, activeCompanyIds, stamp, createdAt, absoluteExpiresAt, idleTimeout, csrfToken,
        deviceId);
  }

  public int uid() {
    return uid;
  }

  public List<Integer> activeCompanyIds() {
    return activeCompanyIds;
  }

  public String securityStamp() {
    return securityStamp;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant absoluteExpiresAt() {
    return absoluteExpiresAt;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public String csrfToken() {
    return csrfToken;
  }

  /** The opaque handle that names this session to its user and to admins; never the session id. */
  public String deviceId() {
    return deviceId;
  }

  private static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  @Override
  public String toString() {
    // Never print the CSRF token.
    return "SessionState[uid=" + uid + ", device=" + deviceId + "]";
  }
}
