package org.erp.sessions.it.fuzz;

/** The parameter an endpoint takes in its path or query, if any. */
public enum Param {
  NONE,
  KEY,
  UID,
  DEVICE_ID,
  CONTEXT_QUERY,
  REDIRECT_QUERY
}
