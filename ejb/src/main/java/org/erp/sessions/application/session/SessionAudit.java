package org.erp.sessions.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Locale;
import java.util.logging.Logger;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErrorCode;

/**
 * The security events of sessions, one line each under {@code org.erp.sessions.audit}: sign-ins
 * and refused sign-ins, sessions ended (sign-out, timeout, revocation, the session limit, the
 * container's expiry), password changes and user administration. Each names the acting user by
 * uid and the acting session by {@link SessionLogName} only; no id, password or CSRF token is ever
 * written, nor the login typed (users type passwords into it by mistake). A device is named by a
 * salted hash of its handle too, so a line can be matched with the device list by an operator who
 * knows the salt, and by nobody else.
 */
@ApplicationScoped
public class SessionAudit {

  private static final Logger LOG = Logger.getLogger("org.erp.sessions.audit");

  @Inject private SessionLogName names;

  /** Who did it: the acting user, and the session it acted in (named in logs by its hash). */
  public record Actor(int uid, String sessionId) {}

  public void signedIn(String sessionId, int uid, String address) {
    LOG.info(() -> "Session " + names.of(sessionId) + " signed in: uid " + uid + " from " + address);
  }

  public void refused(ErrorCode code, String address) {
    LOG.info(() -> "Sign-in refused (" + code.code() + ") from " + address);
  }

  public void ended(String sessionId, String why) {
    LOG.info(() -> "Session " + names.of(sessionId) + " ended: " + why);
  }

  /**
   * A session's end closed its device, with the reason the device keeps; {@code inContainer}: the
   * servlet container expired it (nobody came back before the idle deadline).
   */
  public void deviceClosed(String sessionId, String deviceId, int uid, EndReason reason, boolean inContainer) {
    LOG.info(
        () -> "Session " + names.of(sessionId) + " ended" + (inContainer ? " in the container" : "")
            + ": device " + names.ofDevice(deviceId) + " of uid " + uid + " closed as "
            + reason.name().toLowerCase(Locale.ROOT));
  }

  /** Sessions a login ended to stay within {@code erp.session.max-per-user}. */
  public void evictedByLimit(String sessionId, int uid, int evicted) {
    LOG.info(
        () -> "Session limit: " + evicted + " older session(s) of uid " + uid
            + " ended (revoked by the limit) for session " + names.of(sessionId));
  }

  public void passwordChanged(String sessionId, int uid) {
    LOG.info(
        () -> "Password changed: uid " + uid + " in session " + names.of(sessionId)
            + "; every other session of the user ended");
  }

  /** The user ended one of their own sessions, or an administrator ended one session. */
  public void deviceRevoked(Actor actor, String deviceId) {
    LOG.info(
        () -> "Session " + names.ofDevice(deviceId) + " revoked by uid " + actor.uid()
            + " in session " + names.of(actor.sessionId()));
  }

  public void otherDevicesRevoked(Actor actor) {
    LOG.info(
        () -> "Every other session of uid " + actor.uid() + " revoked by the user in session "
            + names.of(actor.sessionId()));
  }

  public void userSessionsEnded(Actor admin, int uid) {
    LOG.info(
        () -> "Every session of uid " + uid + " ended by administrator uid " + admin.uid()
            + " in session " + names.of(admin.sessionId()));
  }

  public void userCreated(Actor admin, int uid, boolean imported, boolean isAdmin) {
    LOG.info(
        () -> "User uid " + uid + " created" + (isAdmin ? " as administrator" : "")
            + (imported ? " with an imported password hash" : "") + " by administrator uid "
            + admin.uid() + " in session " + names.of(admin.sessionId()));
  }

  /** An administrator changed a user; {@code deactivated} ended all of the user's sessions. */
  public void userChanged(Actor admin, int uid, Collection<String> fields, boolean deactivated) {
    LOG.info(
        () -> "User uid " + uid + (deactivated ? " deactivated (every session ended)" : " changed")
            + " (" + String.join(", ", fields) + ") by administrator uid " + admin.uid()
            + " in session " + names.of(admin.sessionId()));
  }

  public void identityConfirmed(String sessionId, int uid) {
    LOG.info(() -> "Identity confirmed: uid " + uid + " in session " + names.of(sessionId));
  }

  /** A request presented an API key that does not authenticate (unknown, wrong, revoked, expired). */
  public void apiKeyRefused(String address) {
    LOG.info(() -> "API key refused from " + address);
  }

  /** A key's use, logged at most once per {@code erp.device.activity-resolution}. */
  public void apiKeyUsed(String keyId, int uid, String address) {
    LOG.info(() -> "API key " + names.ofDevice(keyId) + " of uid " + uid + " used from " + address);
  }

  public void signedInWithApiKey(String sessionId, String keyId, int uid, String address) {
    LOG.info(
        () -> "Session " + names.of(sessionId) + " signed in with API key " + names.ofDevice(keyId)
            + ": uid " + uid + " from " + address);
  }

  public void apiKeyCreated(Actor actor, String keyId, boolean expires) {
    LOG.info(
        () -> "API key " + names.ofDevice(keyId) + (expires ? "" : " (not expiring)")
            + " created by uid " + actor.uid() + " in session " + names.of(actor.sessionId()));
  }

  /** A key revoked by its user or by an administrator ({@code ownerUid}: whose key it was). */
  public void apiKeyRevoked(Actor actor, String keyId, int ownerUid) {
    LOG.info(
        () -> "API key " + names.ofDevice(keyId) + " of uid " + ownerUid + " revoked by uid "
            + actor.uid() + " in session " + names.of(actor.sessionId()));
  }

  /** The user turned two-factor authentication on or off, or forgot a remembered browser. */
  public void twoFactorChanged(Actor actor, String change) {
    LOG.info(
        () -> "Two-factor authentication of uid " + actor.uid() + ": " + change
            + " in session " + names.of(actor.sessionId()));
  }

  /** An administrator turned a user's two-factor authentication off (e.g. a lost phone). */
  public void twoFactorReset(Actor admin, int uid, boolean wasEnabled) {
    LOG.info(
        () -> "Two-factor authentication of uid " + uid + " reset" + (wasEnabled ? "" : " (was off)")
            + " by administrator uid " + admin.uid() + " in session " + names.of(admin.sessionId()));
  }

  /** A session's periodic id rotation: both ids named, as always, by their hashes only. */
  public void idRotated(String oldSessionId, String newSessionId, int uid) {
    LOG.info(
        () -> "Session " + names.of(oldSessionId) + " continues as " + names.of(newSessionId)
            + " (periodic id rotation) for uid " + uid);
  }
}
