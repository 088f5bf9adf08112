package org.erp.sessions.core;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.wildfly.clustering.web.annotation.Immutable;

/**
 * What the HttpSession holds for an authenticated user: who it is, which companies are active,
 * the security stamp it was created under, its deadlines and its CSRF secret.
 *
 * <p>Immutable: a change (a company switch, a new stamp) stores a new value with {@code
 * setAttribute}, and the session manager replicates it then, never on a mere read. Replicated
 * and stored by the session manager's JBoss Marshalling through {@link
 * SessionStateExternalizer} (the fields as bare values); the ProtoStream marshaller generated
 * from the {@code @ProtoField}s ({@link SessionSchema}) is kept for the way back to ProtoStream.
 *
 * <p>Stored: the session store keeps sessions across restarts and upgrades, so a session written
 * by an earlier version must be read by this one (SessionSchemaVersionsTest reads versions 1's and
 * 2's).
 * The rules, for every format:
 *
 * <ul>
 *   <li>SessionStateExternalizer (what the server writes since 2026-12-07): its format number
 *       goes up with each new field, written last, and every earlier format is still read.
 *   <li>Java serialization's form (what the server wrote before, read still): {@code
 *       serialVersionUID} stays 1; a field is never removed, renamed or retyped; a new field is
 *       absent from older sessions, so {@link #readResolve} gives it the default that means what
 *       an older session meant without it.
 *   <li>ProtoStream (SessionSchema): a field number is never reused nor its type changed; a new
 *       field is optional, with that same default.
 * </ul>
 */
@Immutable
public final class SessionState implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final int uid;
  private final List<Integer> activeCompanyIds;
  private final String securityStamp;
  private final Instant createdAt;
  private final Instant absoluteExpiresAt;
  private final Duration idleTimeout;
  private final String csrfToken;
  private final String deviceId;

  /** Every value is built here, with its checks: also one read back by SessionStateExternalizer. */
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

  /** How ProtoStream rebuilds a replicated state: times travel as epoch milliseconds. */
  @ProtoFactory
  SessionState(
      int uid,
      List<Integer> activeCompanyIds,
      String securityStamp,
      long createdAtMillis,
      long absoluteExpiresAtMillis,
      long idleTimeoutSeconds,
      String csrfToken,
      String deviceId) {
    this(
        uid,
        activeCompanyIds,
        securityStamp,
        Instant.ofEpochMilli(createdAtMillis),
        Instant.ofEpochMilli(absoluteExpiresAtMillis),
        Duration.ofSeconds(idleTimeoutSeconds),
        csrfToken,
        deviceId);
  }

  // The fields as ProtoStream writes them (see SessionSchema).

  @ProtoField(number = 1, defaultValue = "0")
  int getUid() {
    return uid;
  }

  @ProtoField(number = 2, collectionImplementation = ArrayList.class)
  List<Integer> getActiveCompanyIds() {
    return activeCompanyIds;
  }

  @ProtoField(3)
  String getSecurityStamp() {
    return securityStamp;
  }

  @ProtoField(number = 4, defaultValue = "0")
  long getCreatedAtMillis() {
    return createdAt.toEpochMilli();
  }

  @ProtoField(number = 5, defaultValue = "0")
  long getAbsoluteExpiresAtMillis() {
    return absoluteExpiresAt.toEpochMilli();
  }

  @ProtoField(number = 6, defaultValue = "0")
  long getIdleTimeoutSeconds() {
    return idleTimeout.toSeconds();
  }

  @ProtoField(7)
  String getCsrfToken() {
    return csrfToken;
  }

  @ProtoField(8)
  String getDeviceId() {
    return deviceId;
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
        RandomTokens.newToken(32),
        deviceId);
  }

  public SessionState withActiveCompanies(List<Integer> companyIds) {
    return new SessionState(
        uid, companyIds, securityStamp, createdAt, absoluteExpiresAt, idleTimeout, csrfToken,
        deviceId);
  }

  /**
   * After a password change: the new security stamp, and a new CSRF token, so a token read
   * before the change (by whoever had the session then) no longer works.
   */
  public SessionState afterPasswordChange(String stamp) {
    return new SessionState(
        uid, activeCompanyIds, stamp, createdAt, absoluteExpiresAt, idleTimeout, RandomTokens.newToken(32),
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

  /** Whether {@code sent} is this session's CSRF token, compared in constant time. */
  public boolean csrfTokenMatches(String sent) {
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
  }

  /** The opaque handle that names this session to its user and to admins; never the session id. */
  public String deviceId() {
    return deviceId;
  }

  /**
   * A state stored in Java serialization's form becomes a value only through the constructor's
   * checks; the place where a field added after version 1 gets its default for older sessions.
   */
  @Serial
  private Object readResolve() {
    return new SessionState(
        uid,
        activeCompanyIds,
        securityStamp,
        createdAt,
        absoluteExpiresAt,
        idleTimeout,
        csrfToken,
        deviceId);
  }

  @Override
  public String toString() {
    // Never print the CSRF token.
    return "SessionState[uid=" + uid + ", device=" + deviceId + "]";
  }
}
