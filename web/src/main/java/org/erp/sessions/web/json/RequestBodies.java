package org.erp.sessions.web.json;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.util.Set;

/**
 * Request bodies as validated records: {@link JsonBodies} reads and binds the JSON, the record's
 * Bean Validation constraints check the values, and a violation is a {@link
 * ConstraintViolationException} that ProblemMapper answers as 400 validation_failed. Called by
 * the resource method rather than declared with {@code @Valid} on its parameter, so that a
 * resource keeps checking its path (a session data key) before it reads the body.
 */
@ApplicationScoped
public class RequestBodies {

  @Inject private Validator validator;

  /** For CDI. */
  protected RequestBodies() {}

  RequestBodies(Validator validator) {
    this.validator = validator;
  }

  public <T extends Record> T read(InputStream body, Class<T> type) {
    T request = JsonBodies.record(body, type);
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return request;
  }
}
