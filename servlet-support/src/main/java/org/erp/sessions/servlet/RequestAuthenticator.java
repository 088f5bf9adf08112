package org.erp.sessions.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;

/**
 * Who made a request, for the container's security ({@link SessionAuthModule}): a CDI bean of
 * the EAR (the session check of the EJB jar) implements it, and every WAR's authentication module
 * asks it once per request.
 */
public interface RequestAuthenticator {

  /** The caller's name (the login) and groups, which become its roles. */
  record Caller(String name, Set<String> groups) {
    public Caller {
      groups = Set.copyOf(groups);
    }
  }

  /** The request's caller, or empty for an anonymous request. Never throws. */
  Optional<Caller> authenticate(HttpServletRequest request);
}
