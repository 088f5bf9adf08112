package org.erp.sessions.web.session;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Optional;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.UserView;

/** The validated session of the current request, set once by {@link SessionFilter}. */
@RequestScoped
public class CurrentSession {

  private ValidSession valid;

  void set(ValidSession valid) {
    this.valid = valid;
  }

  public Optional<ValidSession> optional() {
    return Optional.ofNullable(valid);
  }

  /** The session; only missing on endpoints that declare it optional. */
  public ValidSession get() {
    if (valid == null) {
      throw new ErpException(ErrorCode.NOT_AUTHENTICATED, "Sign in first.");
    }
    return valid;
  }

  /** A session that passed every check of this request, with the user as of this request. */
  public record ValidSession(
      HttpSession session, SessionState state, UserView user, Instant lastActivityAt) {

    public int uid() {
      return user.uid();
    }
  }
}
