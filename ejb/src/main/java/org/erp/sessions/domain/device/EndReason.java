package org.erp.sessions.domain.device;

/** Why a session ended; kept on the device row for the record. */
public enum EndReason {
  /** The user signed out. */
  LOGOUT,
  /** The user, or an administrator, ended it from the device list. */
  REVOKED,
  /** Idle or absolute timeout. */
  EXPIRED,
  /** The user's password changed elsewhere. */
  PASSWORD,
  /** The user was deactivated, or an administrator ended all of the user's sessions. */
  ENDED_BY_ADMIN,
  /** The limit of concurrent sessions made room for a newer one. */
  EVICTED,
  /**
   * Sessions were kept in memory only ({@code erp.session.persistence=memory}) and every node of
   * the cluster stopped.
   */
  RESTART
}
