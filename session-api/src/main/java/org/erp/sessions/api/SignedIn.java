package org.erp.sessions.api;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a module's CDI bean (a JAX-RS resource, say) or one of its methods: callable only with a
 * valid session. Without one the call throws {@code not_authenticated} (401); on an unsafe HTTP
 * method (POST, PUT, PATCH, DELETE) without the session's CSRF token in the {@code X-CSRF-Token}
 * header, {@code csrf_failed} (403), as every unsafe call of the HTTP API.
 *
 * <p>The same check is available as Jakarta Security roles: a valid session's caller has the
 * group {@code user}, an administrator also {@code admin}, so {@code @RolesAllowed("user")} works
 * too (without the CSRF check).
 *
 * @since 1.0
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedIn {}
