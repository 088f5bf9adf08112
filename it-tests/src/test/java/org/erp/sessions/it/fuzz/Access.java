package org.erp.sessions.it.fuzz;

/** Who may call an endpoint. */
public enum Access {
  /** No session needed (login, health, Odoo authenticate/version). */
  NONE,
  /** A session is used when there is one (logout, the Odoo session routes). */
  OPTIONAL,
  SESSION,
  ADMIN
}
