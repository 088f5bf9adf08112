package org.erp.sessions.application.session;

import java.time.Instant;
import org.erp.sessions.core.SessionState;
import org.erp.sessions.domain.user.UserView;

/**
 * A session that passed every check of this request, with its user as of this request.
 * {@code deviceActivityDue}: the device log's last activity is old enough to be written again.
 */
public record ActiveSession(
    SessionState state, UserView user, Instant lastActivityAt, boolean deviceActivityDue) {

  public int uid() {
    return user.uid();
  }

  ActiveSession with(SessionState changed) {
    return new ActiveSession(changed, user, lastActivityAt, deviceActivityDue);
  }

  ActiveSession with(UserView changed) {
    return new ActiveSession(state, changed, lastActivityAt, deviceActivityDue);
  }

  ActiveSession activeAt(Instant at) {
    return new ActiveSession(state, user, at, false);
  }
}
