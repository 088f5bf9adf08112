package org.erp.sessions.domain.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;

/**
 * On a record: at least one of the named components is not null, and with {@link #onlyOne()}
 * exactly one. For fields that only make sense together ("send lang, tz or both", "a password or
 * a password hash, not both"). The message names the fields: the violation belongs to the record,
 * not to one of them.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface OneOf {

  /** Names of record components. */
  String[] value();

  boolean onlyOne() default false;

  String message();

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link OneOf}. */
  class Validator implements ConstraintValidator<OneOf, Record> {
    private Set<String> names;
    private boolean onlyOne;

    @Override
    public void initialize(OneOf constraint) {
      names = Set.of(constraint.value());
      onlyOne = constraint.onlyOne();
    }

    @Override
    public boolean isValid(Record record, ConstraintValidatorContext context) {
      if (record == null) {
        return true;
      }
      long given =
          Arrays.stream(record.getClass().getRecordComponents())
              .filter(component -> names.contains(component.getName()))
              .filter(component -> valueOf(component, record) != null)
              .count();
      return given >= 1 && (!onlyOne || given == 1);
    }

    private static Object valueOf(RecordComponent component, Record record) {
      try {
        return component.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read record component " + component.getName(), e);
      }
    }
  }
}
