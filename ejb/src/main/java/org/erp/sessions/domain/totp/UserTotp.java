package org.erp.sessions.domain.totp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's TOTP secret, encrypted ({@link SecretCipher}), and whether it is in force: an
 * enrolment stores it disabled, the first right code enables it. {@code lastUsedStep} makes a
 * code work once; it only moves forward, by a conditional update ({@code UserTotp.useStep}), so two
 * nodes given the same code at once accept it only once.
 */
@Entity
@Table(name = "erp_user_totp")
@NamedQuery(
    name = "UserTotp.useStep",
    query =
        "update UserTotp t set t.lastUsedStep = :step"
            + " where t.userId = :uid and t.lastUsedStep < :step")
public class UserTotp {

  /** No code used yet. */
  public static final long NO_STEP = -1;

  @Id
  @Column(name = "user_id")
  private Integer userId;

  @Column(nullable = false, length = 128)
  private String secret;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "last_used_step", nullable = false)
  private long lastUsedStep;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected UserTotp() {}

  /** A new, not yet confirmed enrolment. */
  public UserTotp(int userId, String encryptedSecret, Instant createdAt) {
    this.userId = userId;
    this.secret = Objects.requireNonNull(encryptedSecret, "The secret is required.");
    this.enabled = false;
    this.lastUsedStep = NO_STEP;
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public int userId() {
    return userId;
  }

  public String encryptedSecret() {
    return secret;
  }

  public boolean enabled() {
    return enabled;
  }

  public long lastUsedStep() {
    return lastUsedStep;
  }

  /** The confirming code's step counts as used: it cannot sign in right after. */
  public void enable(long confirmedStep) {
    this.enabled = true;
    this.lastUsedStep = Math.max(lastUsedStep, confirmedStep);
  }
}
