package org.erp.sessions.web.json;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** The Bean Validation provider WildFly ships, without Jakarta EL (our messages need none). */
public final class Validators {

  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator())
          .buildValidatorFactory()
          .getValidator();

  private Validators() {}

  public static Validator validator() {
    return VALIDATOR;
  }

  public static RequestBodies requestBodies() {
    return new RequestBodies(VALIDATOR);
  }
}
