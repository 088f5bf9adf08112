package org.erp.sessions.domain.apikey;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One API key of a user: its name, the hash of the key (never the key), when it expires (never,
 * for an administrator's key without {@code expires_at}), when it was last used, and whether it
 * was revoked.
 *
 * <p>Every request made with a key reads it, so the entity is in Hibernate's second-level cache,
 * invalidated across the cluster when a row changes (as {@code Device}): a revocation on one node
 * is seen by the next request on any node, without a database query per request.
 */
@Entity
@Table(name = "erp_api_key")
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NamedQuery(
    name = "ApiKey.notRevokedOfUser",
    query =
        "select k from ApiKey k where k.userId = :uid and k.revokedAt is null"
            + " order by k.createdAt desc, k.id")
@DynamicUpdate
public class ApiKey {

  @Id
  @Column(length = 16)
  private String id;

  @Column(name = "user_id", nullable = false)
  private int userId;

  @Column(nullable = false, length = 64)
  private String name;

  @Column(name = "key_hash", nullable = false, length = 64)
  private String keyHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiKey() {}

  public ApiKey(String id, int userId, String name, String keyHash, Instant now, Instant expiresAt) {
    this.id = Objects.requireNonNull(id, "An API key needs an id.");
    this.userId = userId;
    this.name = Objects.requireNonNull(name, "An API key needs a name.");
    this.keyHash = Objects.requireNonNull(keyHash, "An API key needs its hash.");
    this.createdAt = Objects.requireNonNull(now);
    this.expiresAt = expiresAt;
  }

  public String id() {
    return id;
  }

  public int userId() {
    return userId;
  }

  public String name() {
    return name;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Null: the key does not expire (administrators only). */
  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  /** Whether the key authenticates now: not revoked, not expired. */
  public boolean isValid(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** Whether {@code key} is this key (constant-time comparison of the hashes). */
  public boolean matches(String key) {
    return ApiKeySecret.matches(key, keyHash);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  /** Whether a use now should be recorded: never recorded, or older than the resolution. */
  public boolean useDue(Instant now, Duration resolution) {
    return lastUsedAt == null
        || Duration.between(lastUsedAt, now).compareTo(resolution) >= 0;
  }

  public void used(Instant now) {
    lastUsedAt = now;
  }

  public ApiKeyView view() {
    return new ApiKeyView(id, userId, name, createdAt, expiresAt, lastUsedAt);
  }
}
