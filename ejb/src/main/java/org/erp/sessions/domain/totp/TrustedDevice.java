package org.erp.sessions.domain.totp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A browser remembered to skip the TOTP code ("remember this browser"), until it expires or is
 * revoked. The browser holds a random token in a cookie; only its SHA-256 hash is stored, so the
 * table does not hand out working cookies. Named to the user by an opaque handle.
 */
@Entity
@Table(name = "erp_trusted_device")
@NamedQuery(
    name = "TrustedDevice.byTokenHash",
    query = "select d from TrustedDevice d where d.tokenHash = :hash")
@NamedQuery(
    name = "TrustedDevice.ofUser",
    query =
        "select d from TrustedDevice d where d.userId = :uid and d.expiresAt > :now"
            + " order by d.createdAt desc, d.id")
@NamedQuery(name = "TrustedDevice.deleteOfUser", query = "delete from TrustedDevice d where d.userId = :uid")
public class TrustedDevice {

  @Id
  @Column(length = 32)
  private String id;

  @Column(name = "user_id", nullable = false)
  private int userId;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(nullable = false, length = 64)
  private String browser;

  @Column(nullable = false, length = 64)
  private String platform;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected TrustedDevice() {}

  public TrustedDevice(
      String id, int userId, String tokenHash, String browser, String platform, Instant createdAt,
      Instant expiresAt) {
    this.id = Objects.requireNonNull(id);
    this.userId = userId;
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.browser = Objects.requireNonNull(browser);
    this.platform = Objects.requireNonNull(platform);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.expiresAt = Objects.requireNonNull(expiresAt);
  }

  public String id() {
    return id;
  }

  public int userId() {
    return userId;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public String browser() {
    return browser;
  }

  public String platform() {
    return platform;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** Whether it still skips the code for {@code uid} at {@code now}. */
  public boolean trusts(int uid, Instant now) {
    return userId == uid && now.isBefore(expiresAt);
  }
}
