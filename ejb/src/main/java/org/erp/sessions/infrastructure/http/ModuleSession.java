package org.erp.sessions.infrastructure.http;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.erp.sessions.api.AuthStatus;
import org.erp.sessions.api.ErpSession;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.infrastructure.JsonProcessing;

/** {@link ErpSession} on the request's session, through the session core. */
@RequestScoped
public class ModuleSession implements ErpSession {

  @Inject private CurrentSession current;
  @Inject private SessionService sessions;

  @Override
  public AuthStatus authStatus() {
    if (current.optional().isPresent()) {
      return AuthStatus.SIGNED_IN;
    }
    return current.secondFactorPending() ? AuthStatus.PENDING_TOTP : AuthStatus.ANONYMOUS;
  }

  @Override
  public int uid() {
    return current.get().uid();
  }

  @Override
  public String login() {
    return current.get().user().login();
  }

  @Override
  public List<Integer> allowedCompanyIds() {
    return current.get().state().activeCompanyIds();
  }

  @Override
  public int currentCompanyId() {
    return allowedCompanyIds().get(0);
  }

  @Override
  public Optional<JsonValue> get(String key) {
    return sessions.data(current.get(), key).map(ModuleSession::parse);
  }

  @Override
  public void put(String key, JsonValue value) {
    ActiveSession active = current.get();
    if (value == null) {
      throw new ErpException(ErrorCode.VALIDATION_FAILED, "A value is required (JSON null is one).");
    }
    sessions.putData(active, Objects.requireNonNull(key, "key"), value.toString());
  }

  @Override
  public void remove(String key) {
    sessions.removeData(current.get(), key);
  }

  @Override
  public Set<String> keys() {
    return new TreeSet<>(sessions.data(current.get()).keySet());
  }

  private static JsonValue parse(String json) {
    try (JsonReader reader = JsonProcessing.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
