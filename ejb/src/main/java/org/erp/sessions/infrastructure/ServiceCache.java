package org.erp.sessions.infrastructure;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Which of the service's caches in the server's {@code web} container ({@link ServiceCaches}). */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ServiceCache {

  /** Not binding: one producer serves every name, and reads it from the injection point. */
  @Nonbinding
  Name value();

  /** The caches configure.cli adds to the {@code web} container for the service. */
  enum Name {
    SESSION_DATA,
    ROTATED_SESSION_IDS,
    STANDING_VERSIONS,
    NODE_STATS
  }
}
