package org.erp.sessions.domain.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The text has no U+0000. PostgreSQL text cannot hold it: refused as input, not as a database
 * error. Null is valid (pair with {@code @NotNull} where the value is required).
 */
@Documented
@Constraint(validatedBy = NoNul.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface NoNul {

  String message() default "must not contain the NUL character";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link NoNul}. */
  class Validator implements ConstraintValidator<NoNul, CharSequence> {
    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
      return text == null || text.chars().noneMatch(c -> c == 0);
    }
  }
}
