package org.erp.sessions.domain.user;

import jakarta.persistence.Cacheable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.erp.sessions.core.RandomTokens;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * A user who can sign in, with the preferences the request context is built from.
 *
 * <p>Cached in Hibernate's second-level cache (invalidated across the cluster), because every
 * authenticated request reads it to check the security stamp: a password change, a deactivation
 * or "log out everywhere" replaces the stamp, and every session holding the old one is refused
 * on its next request, on any node, without a database query per request.
 */
@Entity
@Table(name = "erp_user")
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NamedQuery(name = "User.findByLogin", query = "select u from User u where u.login = :login")
@NamedQuery(name = "User.count", query = "select count(u) from User u")
@NamedQuery(
    name = "User.odooHashes",
    query = "select u.passwordHash from User u where u.passwordHash like '$pbkdf2-sha512$%'")
public class User {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Integer id;

  @Column(nullable = false, unique = true, length = 64)
  private String login;

  @Column(nullable = false, length = 128)
  private String name;

  @Column(name = "password_hash", nullable = false, length = 255)
  private String passwordHash;

  @Column(name = "is_admin", nullable = false)
  private boolean admin;

  @Column(nullable = false)
  private boolean active;

  @Column(nullable = false, length = 16)
  private String lang;

  @Column(nullable = false, length = 64)
  private String tz;

  @Column(name = "security_stamp", nullable = false, length = 64)
  private String securityStamp;

  /** The companies the user may access; the first is the one a new session starts in. */
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "erp_user_company", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "company_id", nullable = false)
  @OrderColumn(name = "position")
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  private List<Integer> companyIds = new ArrayList<>();

  @Version private int version;

  protected User() {}

  public User(
      String login,
      String name,
      String passwordHash,
      boolean admin,
      List<Integer> companyIds,
      String lang,
      String tz) {
    this.login = Objects.requireNonNull(login, "Login is required.");
    this.name = Objects.requireNonNull(name, "Name is required.");
    this.passwordHash = Objects.requireNonNull(passwordHash, "Password hash is required.");
    this.admin = admin;
    this.active = true;
    this.companyIds = new ArrayList<>(companyIds);
    this.lang = Objects.requireNonNull(lang, "Language is required.");
    this.tz = Objects.requireNonNull(tz, "Time zone is required.");
    this.securityStamp = newSecurityStamp();
  }

  public int id() {
    return id;
  }

  public String login() {
    return login;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public boolean active() {
    return active;
  }

  public String securityStamp() {
    return securityStamp;
  }

  /** An immutable copy, safe to hand to the web layer and to keep for the rest of a request. */
  public UserView view() {
    return new UserView(
        id, login, name, admin, active, lang, tz, List.copyOf(companyIds), securityStamp);
  }

  /** Stores a new hash without ending sessions (a rehash of the same password). */
  public void rehashPassword(String newHash) {
    this.passwordHash = Objects.requireNonNull(newHash);
  }

  /** A new password ends every session that holds the old security stamp. */
  public void changePassword(String newHash) {
    this.passwordHash = Objects.requireNonNull(newHash);
    endAllSessions();
  }

  public void setPreferences(String lang, String tz) {
    if (lang != null) {
      this.lang = lang;
    }
    if (tz != null) {
      this.tz = tz;
    }
  }

  public void rename(String name) {
    this.name = Objects.requireNonNull(name);
  }

  public void setAdmin(boolean admin) {
    this.admin = admin;
  }

  /**
   * A new list, not the old one changed in place: Hibernate then deletes the rows and inserts the
   * new ones, where an in-place change updates them position by position and a reordering ([1, 2]
   * to [2, 1]) would briefly hold one company twice, against erp_user_company's unique key.
   */
  public void setCompanyIds(List<Integer> companyIds) {
    this.companyIds = new ArrayList<>(companyIds);
  }

  /** Deactivation ends every session of the user at once; reactivation restores none. */
  public void setActive(boolean active) {
    if (this.active && !active) {
      endAllSessions();
    }
    this.active = active;
  }

  /** Replaces the security stamp: every existing session of the user stops being valid. */
  public void endAllSessions() {
    this.securityStamp = newSecurityStamp();
  }

  private static String newSecurityStamp() {
    return RandomTokens.newToken(18);
  }
}
