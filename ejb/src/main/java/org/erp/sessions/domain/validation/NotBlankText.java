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
 * The text is not empty and not only white space, as {@link String#isBlank()} sees it. Not
 * {@code @NotBlank}: Hibernate Validator trims only characters up to U+0020, so it would accept
 * "\u2003" and refuse "\u0001", unlike the contract's rule for an empty field. Null is valid (pair
 * with {@code @NotNull} where the value is required).
 */
@Documented
@Constraint(validatedBy = NotBlankText.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface NotBlankText {

  String message() default "must be a non-empty string";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link NotBlankText}. */
  class Validator implements ConstraintValidator<NotBlankText, CharSequence> {
    @Override
    public boolean isValid(CharSequence text, ConstraintValidatorContext context) {
      return text == null || !text.toString().isBlank();
    }
  }
}
