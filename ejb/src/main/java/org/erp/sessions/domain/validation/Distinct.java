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
import java.util.Collection;
import java.util.HashSet;

/** No element of the collection is repeated. Null is valid. */
@Documented
@Constraint(validatedBy = Distinct.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface Distinct {

  String message() default "must not contain duplicates";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link Distinct}. */
  class Validator implements ConstraintValidator<Distinct, Collection<?>> {
    @Override
    public boolean isValid(Collection<?> elements, ConstraintValidatorContext context) {
      return elements == null || new HashSet<>(elements).size() == elements.size();
    }
  }
}
