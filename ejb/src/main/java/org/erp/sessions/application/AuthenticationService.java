package org.erp.sessions.application;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.password.PasswordHasher;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserView;

/** Checks credentials, with the login cooldown, and changes passwords. */
@Stateless
public class AuthenticationService {

  private static final Logger LOG = Logger.getLogger(AuthenticationService.class.getName());
  private static final String INVALID = "Wrong login or password.";

  /** Verified instead of a real hash for unknown logins, so both cost the same time. */
  private static volatile String decoyHash;

  @PersistenceContext private EntityManager em;
  @Inject private ErpConfig config;
  @EJB private LoginThrottle throttle;
  @EJB private DeviceRegistry devices;

  /**
   * The user whose login and password these are. An unknown login, a wrong password and an
   * inactive user get the same answer, in about the same time.
   */
  public UserView authenticate(String login, String password, String clientAddress) {
    throttle.checkAllowed(login, clientAddress);
    PasswordHasher hasher = config.passwordHasher();
    List<User> found =
        em.createNamedQuery("User.findByLogin", User.class)
            .setParameter("login", login)
            .getResultList();
    User user = found.isEmpty() ? null : found.get(0);
    boolean accepted;
    if (user == null) {
      hasher.verify(password, decoyHash(hasher));
      accepted = false;
    } else {
      accepted = hasher.verify(password, user.passwordHash()) && user.active();
    }
    if (!accepted) {
      recordFailure(login, clientAddress);
      throw new ErpException(ErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    throttle.recordSuccess(login);
    if (hasher.needsRehash(user.passwordHash())) {
      // Imported Odoo hashes (and hashes of an older cost) become Argon2id at this cost.
      user.rehashPassword(hasher.hash(password));
    }
    return user.view();
  }

  /**
   * Replaces the password after checking the current one, and ends every session of the user but
   * the current device's (the caller moves its own session to the returned security stamp). A
   * wrong current password counts as a failed login (the same cooldown), so a stolen session
   * cannot be used to guess the password at full speed.
   */
  public UserView changePassword(
      int uid,
      String currentDeviceId,
      String currentPassword,
      String newPassword,
      String clientAddress) {
    User user = em.find(User.class, uid);
    if (user == null) {
      throw new ErpException(ErrorCode.NOT_FOUND, "No user with uid " + uid + ".");
    }
    throttle.checkAllowed(user.login(), clientAddress);
    PasswordHasher hasher = config.passwordHasher();
    if (!hasher.verify(currentPassword, user.passwordHash())) {
      recordFailure(user.login(), clientAddress);
      throw new ErpException(ErrorCode.CURRENT_PASSWORD_WRONG, "The current password is wrong.");
    }
    throttle.recordSuccess(user.login());
    UserDirectory.checkPasswordStrength(user.login(), newPassword, ErrorCode.WEAK_PASSWORD);
    user.changePassword(hasher.hash(newPassword));
    devices.endAllBut(uid, currentDeviceId, EndReason.PASSWORD);
    return user.view();
  }

  private void recordFailure(String login, String clientAddress) {
    try {
      throttle.recordFailure(login, clientAddress);
    } catch (EJBException firstInsertRace) {
      // Two first failures for the same key raced to insert its row; the row exists now.
      LOG.fine("Retrying a login failure count after a concurrent insert.");
      throttle.recordFailure(login, clientAddress);
    }
  }

  private static String decoyHash(PasswordHasher hasher) {
    String hash = decoyHash;
    if (hash == null || hasher.needsRehash(hash)) {
      hash = hasher.hash("decoy password, never valid");
      decoyHash = hash;
    }
    return hash;
  }
}
