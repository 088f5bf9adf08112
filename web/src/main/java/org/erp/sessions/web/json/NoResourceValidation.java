package org.erp.sessions.web.json;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import org.jboss.resteasy.spi.HttpRequest;
import org.jboss.resteasy.spi.validation.GeneralValidator;

/**
 * RESTEasy's Bean Validation of resource calls, turned off: no resource, parameter or answer
 * declares a constraint (request bodies are validated by {@link RequestBodies}, violations
 * answered by ProblemMapper), yet WildFly's validator built a validator per call and validated
 * every call's parameters and answer for nothing, 3 % of a session read's CPU in a profile
 * (bench/README.md). WEB-INF/validation.xml does not reach it (its bootstrap reads
 * META-INF/validation.xml), and its module cannot be excluded (the JAX-RS subsystem brings it).
 * An application's context resolver wins over the built-in one, and with nothing validatable
 * RESTEasy calls none of the methods below.
 */
@Provider
public class NoResourceValidation implements ContextResolver<GeneralValidator> {

  private static final GeneralValidator NOTHING_TO_VALIDATE =
      new GeneralValidator() {
        @Override
        public boolean isValidatable(Class<?> type) {
          return false;
        }

        @Override
        public boolean isMethodValidatable(Method method) {
          return false;
        }

        @Override
        public void validate(HttpRequest request, Object target, Class<?>... groups) {}

        @Override
        public void validateAllParameters(
            HttpRequest request, Object target, Method method, Object[] parameters,
            Class<?>... groups) {}

        @Override
        public void validateReturnValue(
            HttpRequest request, Object target, Method method, Object value, Class<?>... groups) {}

        @Override
        public void checkViolations(HttpRequest request) {}
      };

  @Override
  public GeneralValidator getContext(Class<?> type) {
    return NOTHING_TO_VALIDATE;
  }
}
