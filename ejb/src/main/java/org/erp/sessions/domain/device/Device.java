package org.erp.sessions.domain.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.erp.sessions.core.SessionExpiry;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One session of a user, as the user and administrators see it: where and with what it signed
 * in, when it was last active, and whether it has ended.
 *
 * <p>Every authenticated request asks whether its device was ended; the answer comes from what
 * {@code SessionValidity} keeps of the device's standing per node (versioned cluster-wide), not
 * from here. The entity is not in Hibernate's second-level cache: what else reads a device (its
 * activity once a minute, an end, a revocation, the device lists) goes to the database, and a
 * cached region of one entry per session filled the heap of a node reading many sessions
 * (bench/README.md, durable sessions). Updates write only the changed columns and carry no
 * version, so a recorded activity and a concurrent revocation never overwrite or fail each other.
 */
@Entity
@Table(name = "erp_device")
@NamedQuery(
    name = "Device.openOfUser",
    query =
        "select d from Device d where d.userId = :uid and d.endedAt is null"
            + " order by d.lastActivityAt desc, d.createdAt desc")
@NamedQuery(
    name = "Device.openOfUserOldestActivityFirst",
    query =
        "select d from Device d where d.userId = :uid and d.endedAt is null"
            + " order by d.lastActivityAt asc, d.createdAt asc")
@NamedQuery(
    name = "Device.openButExpired",
    query =
        "select d from Device d where d.endedAt is null"
            + " and (d.absoluteExpiresAt <= :now or d.idleExpiresAt <= :idleBefore)")
@NamedQuery(
    name = "Device.countLive",
    query =
        "select count(d) from Device d where d.endedAt is null"
            + " and d.absoluteExpiresAt > :now and d.idleExpiresAt > :idleBefore")
@NamedQuery(
    name = "Device.endAllOpen",
    query = "update Device d set d.endedAt = :now, d.endReason = :reason where d.endedAt is null")
@NamedQuery(
    name = "Device.openWithApiKey",
    query = "select d from Device d where d.apiKeyId = :keyId and d.endedAt is null")
@NamedQuery(
    name = "Device.createdSince",
    query = "select d.createdAt from Device d where d.createdAt >= :since")
@DynamicUpdate
public class Device {

  @Id
  @Column(length = 32)
  private String id;

  @Column(name = "user_id", nullable = false)
  private int userId;

  @Column(name = "ip_address", nullable = false, length = 64)
  private String ipAddress;

  @Column(name = "user_agent", nullable = false, length = 512)
  private String userAgent;

  @Column(nullable = false, length = 64)
  private String browser;

  @Column(nullable = false, length = 64)
  private String platform;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_activity_at", nullable = false)
  private Instant lastActivityAt;

  @Column(name = "idle_timeout_s", nullable = false)
  private long idleTimeoutSeconds;

  /** Last recorded activity plus the idle timeout: what the sweep of dead sessions looks at. */
  @Column(name = "idle_expires_at", nullable = false)
  private Instant idleExpiresAt;

  @Column(name = "absolute_expires_at", nullable = false)
  private Instant absoluteExpiresAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "end_reason", length = 16)
  private EndReason endReason;

  /** The API key a session was started with (the Odoo route), which ends it when revoked. */
  @Column(name = "api_key_id", length = 16)
  private String apiKeyId;

  protected Device() {}

  public Device(
      String id,
      int userId,
      String ipAddress,
      String userAgent,
      UserAgents.Parsed parsed,
      Instant now,
      Duration idleTimeout,
      Instant absoluteExpiresAt) {
    this.id = Objects.requireNonNull(id);
    this.userId = userId;
    this.ipAddress = truncate(ipAddress, 64);
    this.userAgent = truncate(userAgent, 512);
    this.browser = truncate(parsed.browser(), 64);
    this.platform = truncate(parsed.platform(), 64);
    this.createdAt = now;
    this.lastActivityAt = now;
    this.idleTimeoutSeconds = idleTimeout.toSeconds();
    this.idleExpiresAt = SessionExpiry.idleDeadline(now, idleTimeout);
    this.absoluteExpiresAt = absoluteExpiresAt;
  }

  public String id() {
    return id;
  }

  /** Marks the session as started with this API key (see {@link #apiKeyId}). */
  public void startedWithApiKey(String keyId) {
    this.apiKeyId = keyId;
  }

  public int userId() {
    return userId;
  }

  public Instant lastActivityAt() {
    return lastActivityAt;
  }

  public boolean isOpen() {
    return endedAt == null;
  }

  /**
   * Whether the session can still be in use. The recorded activity may lag by up to the
   * activity resolution, so a session counts as idle only once that lag has passed as well.
   */
  public boolean isLive(Instant now, Duration activityResolution) {
    return endedAt == null
        && !SessionExpiry.endedAllowingLag(idleExpiresAt, absoluteExpiresAt, activityResolution, now);
  }

  /** Whether {@link #touch} would record anything now. */
  public boolean activityDue(Instant now, Duration resolution) {
    return standing().activityDue(now, resolution);
  }

  /** What the per-request validity check keeps of this device. */
  public DeviceStanding standing() {
    return new DeviceStanding(isOpen(), lastActivityAt);
  }

  /** Records activity, at most once per resolution: not a database write per request. */
  public boolean touch(Instant now, Duration resolution) {
    if (!activityDue(now, resolution)) {
      return false;
    }
    lastActivityAt = now;
    idleExpiresAt = SessionExpiry.idleDeadline(now, Duration.ofSeconds(idleTimeoutSeconds));
    return true;
  }

  /** Whether the session's absolute deadline has passed (else an expiry was an idle one). */
  public boolean absoluteDeadlinePassed(Instant now) {
    return !now.isBefore(absoluteExpiresAt);
  }

  public void end(Instant now, EndReason reason) {
    if (endedAt == null) {
      endedAt = now;
      endReason = reason;
    }
  }

  public DeviceView view(String currentDeviceId) {
    return new DeviceView(
        id,
        currentDeviceId == null ? null : id.equals(currentDeviceId),
        ipAddress,
        userAgent,
        browser,
        platform,
        createdAt,
        lastActivityAt,
        DeviceView.SESSION,
        null);
  }

  private static String truncate(String text, int max) {
    String value = text == null ? "" : text;
    return value.length() <= max ? value : value.substring(0, max);
  }
}
