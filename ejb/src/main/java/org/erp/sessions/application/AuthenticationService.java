package org.erp.sessions.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.erp.sessions.application.LoginThrottle.Reservation;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.totp.UserTotp;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.domain.user.UserView;

/**
 * Checks credentials, with the login cooldown, and changes passwords. Every password check takes
 * an attempt from the cooldown first ({@link LoginThrottle#reserve}) and then one of this node's
 * turns for password work ({@link PasswordWork#inTurn}).
 */
@Stateless
public class AuthenticationService {

  private static final Logger LOG = Logger.getLogger(AuthenticationService.class.getName());
  private static final String INVALID = "Wrong login or password.";
  /** A first attempt racing others to insert its counters: the rows exist on the next try. */
  private static final int RESERVE_TRIES = 4;

  @Inject private UserRepository users;
  @Inject private PasswordWork passwords;
  @EJB private LoginThrottle throttle;
  @EJB private DeviceRegistry devices;
  @PersistenceContext private EntityManager em;

  /**
   * A user whose password was right, and whether a second factor must follow before a session
   * starts (two-factor authentication is on): known here already, so the sign-in does not ask
   * the database again in a transaction of its own.
   */
  public record Authenticated(UserView user, boolean secondFactorDue) {}

  /**
   * The user whose login and password these are. An unknown login, a wrong password and an
   * inactive user get the same answer, in the same time.
   */
  public Authenticated authenticate(String login, String password, String clientAddress) {
    Reservation attempt = reserve(login, clientAddress);
    User user =
        verified(
            attempt,
            () -> {
              User candidate = users.findByLogin(login).orElse(null);
              boolean accepted =
                  passwords.verify(password, candidate == null ? null : candidate.passwordHash())
                      && candidate != null
                      && candidate.active();
              if (accepted && passwords.needsRehash(candidate.passwordHash())) {
                // Imported Odoo hashes (and hashes of an older cost) become Argon2id at this cost.
                candidate.rehashPassword(passwords.hash(password));
                passwords.odooHashesChanged();
              }
              return accepted ? candidate : null;
            });
    if (user == null) {
      throw new ErpException(ErrorCode.INVALID_CREDENTIALS, INVALID);
    }
    boolean secondFactorDue = secondFactorDue(user.id());
    if (secondFactorDue) {
      // The password alone does not clear the failures: wrong TOTP codes keep counting, however
      // often the password is given again (API.md §12).
      throttle.notVerified(attempt);
    } else {
      throttle.succeeded(attempt);
    }
    return new Authenticated(user.view(), secondFactorDue);
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
    User user = checkedUser(uid, currentPassword, clientAddress);
    UserDirectory.checkPasswordStrength(user.login(), newPassword, ErrorCode.WEAK_PASSWORD);
    user.changePassword(passwords.inTurn(() -> passwords.hash(newPassword)));
    passwords.odooHashesChanged();
    devices.endAllBut(uid, currentDeviceId, EndReason.PASSWORD);
    return user.view();
  }

  private boolean secondFactorDue(int uid) {
    UserTotp totp = em.find(UserTotp.class, uid);
    return totp != null && totp.enabled();
  }

  /**
   * Takes an attempt from the login cooldown for a check other than a password (a TOTP code at
   * sign-in): wrong codes count exactly as wrong passwords do. The caller gives it back with
   * {@link LoginThrottle#succeeded} when the code was right.
   */
  public Reservation countAttempt(String login, String clientAddress) {
    return reserve(login, clientAddress);
  }

  /**
   * Checks a signed-in user's password again (a password change, an identity check): a wrong one
   * is 403 {@code invalid_credentials} and counts as a failed login, in the same cooldown, so a
   * stolen session cannot be used to guess the password at full speed.
   */
  public void checkPassword(int uid, String password, String clientAddress) {
    checkedUser(uid, password, clientAddress);
  }

  private User checkedUser(int uid, String password, String clientAddress) {
    User user = users.find(uid).orElse(null);
    if (user == null) {
      throw new ErpException(ErrorCode.NOT_FOUND, "No user with uid " + uid + ".");
    }
    Reservation attempt = reserve(user.login(), clientAddress);
    boolean accepted = verified(attempt, () -> passwords.verify(password, user.passwordHash()));
    if (!accepted) {
      throw new ErpException(ErrorCode.CURRENT_PASSWORD_WRONG, "The password is wrong.");
    }
    throttle.succeeded(attempt);
    return user;
  }

  /**
   * Runs the password check in a turn; when no turn comes free the attempt is given back, since
   * its password was never looked at.
   */
  private <T> T verified(Reservation attempt, Supplier<T> check) {
    try {
      return passwords.inTurn(check);
    } catch (ErpException busy) {
      if (busy.code() == ErrorCode.SERVICE_UNAVAILABLE) {
        throttle.notVerified(attempt);
      }
      throw busy;
    }
  }

  private Reservation reserve(String login, String clientAddress) {
    for (int tried = 1; ; tried++) {
      try {
        return throttle.reserve(login, clientAddress);
      } catch (LoginThrottle.CountRaced raced) {
        if (tried == RESERVE_TRIES) {
          throw raced;
        }
        LOG.fine("Counting a login attempt again after a concurrent first attempt.");
      }
    }
  }
}
