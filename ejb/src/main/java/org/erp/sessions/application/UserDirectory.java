package org.erp.sessions.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.context.ContextRules;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.password.PasswordHasher;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.domain.user.UserRepository;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.domain.validation.NoNul;

/**
 * Users and companies: look-ups for every request, preferences, and user administration. The
 * parameters carry Bean Validation constraints, which the container checks on every call: a
 * violation is a {@code jakarta.validation.ConstraintViolationException} (400 validation_failed).
 */
@Stateless
public class UserDirectory {

  static final int MIN_PASSWORD_LENGTH = 8;

  @Inject private UserRepository repository;
  @Inject private ErpConfig config;
  @EJB private DeviceRegistry devices;
  @Inject private PasswordWork passwords;

  /** The user, or 404 {@code not_found}. */
  public UserView get(int uid) {
    return require(uid).view();
  }

  /** Stores the user's language and time zone; every session sees them from its next request. */
  public UserView updatePreferences(int uid, @NoNul String lang, @NoNul String tz) {
    if (lang != null) {
      ContextRules.checkLang(lang, config.languages());
    }
    if (tz != null) {
      ContextRules.checkTz(tz);
    }
    User user = require(uid);
    user.setPreferences(lang, tz);
    return user.view();
  }

  /** Creates a user: 409 {@code login_taken}, 400 {@code validation_failed}. */
  public UserView create(@NotNull(message = "is required") @Valid NewUser newUser) {
    if (newUser.importedPasswordHash() != null) {
      PasswordHasher.importProblem(newUser.importedPasswordHash())
          .ifPresent(problem -> {
            throw new ErpException(ErrorCode.VALIDATION_FAILED, problem);
          });
    } else {
      checkPasswordStrength(newUser.login().trim(), newUser.password(), ErrorCode.VALIDATION_FAILED);
    }
    return createWithoutPasswordPolicy(newUser);
  }

  /**
   * Creates a user whose password does not meet the policy: only for the demo data, whose
   * passwords (admin/admin) are fixed by the contract.
   */
  public UserView createWithoutPasswordPolicy(@NotNull(message = "is required") @Valid NewUser newUser) {
    // The trimmed login is stored, so its length is checked here, not by a constraint on NewUser.
    String login = newUser.login().trim();
    if (login.isEmpty() || login.length() > 64) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, "login must be 1 to 64 characters.");
    }
    ContextRules.checkLang(newUser.lang(), config.languages());
    ContextRules.checkTz(newUser.tz());
    checkCompanies(newUser.companyIds());
    if (repository.findByLogin(login).isPresent()) {
      throw new ErpException(ErrorCode.LOGIN_TAKEN, "The login '" + login + "' is taken.");
    }
    User user =
        new User(
            login,
            newUser.name().trim(),
            passwordHashOf(newUser),
            newUser.isAdmin(),
            newUser.companyIds(),
            newUser.lang(),
            newUser.tz());
    repository.add(user);
    if (newUser.importedPasswordHash() != null) {
      passwords.odooHashesChanged();
    }
    return user.view();
  }

  private String passwordHashOf(NewUser newUser) {
    if (newUser.importedPasswordHash() != null) {
      return newUser.importedPasswordHash();
    }
    return passwords.inTurn(() -> passwords.hash(newUser.password()));
  }

  public UserView update(int uid, @NotNull(message = "is required") @Valid UserChanges changes) {
    User user = require(uid);
    if (changes.name() != null) {
      user.rename(changes.name().trim());
    }
    if (changes.isAdmin() != null) {
      user.setAdmin(changes.isAdmin());
    }
    if (changes.companyIds() != null) {
      checkCompanies(changes.companyIds());
      user.setCompanyIds(changes.companyIds());
    }
    if (changes.active() != null) {
      boolean deactivating = user.active() && !changes.active();
      user.setActive(changes.active());
      if (deactivating) {
        devices.endAllBut(uid, null, EndReason.ENDED_BY_ADMIN);
      }
    }
    return user.view();
  }

  /** Ends every session of the user, on every node, from their next request. */
  public void endAllSessions(int uid) {
    require(uid).endAllSessions();
    devices.endAllBut(uid, null, EndReason.ENDED_BY_ADMIN);
  }

  /** 400 with the given code unless the password is at least 8 characters and not the login. */
  static void checkPasswordStrength(String login, String password, ErrorCode code) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new ErpException(
          code, "A password has at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
    if (password.equalsIgnoreCase(login)) {
      throw new ErpException(code, "A password must not be the login.");
    }
  }

  private User require(int uid) {
    User user = repository.find(uid).orElse(null);
    if (user == null) {
      throw new ErpException(ErrorCode.NOT_FOUND, "No user with uid " + uid + ".");
    }
    return user;
  }

  /** That the companies exist: a database question, so code, not a constraint. */
  private void checkCompanies(List<Integer> companyIds) {
    for (Integer id : companyIds) {
      if (repository.company(id).isEmpty()) {
        throw new ErpException(ErrorCode.VALIDATION_FAILED, "There is no company " + id + ".");
      }
    }
  }
}
