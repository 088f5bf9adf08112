/**
 * The REST resources of /api. Thin: they read JSON, call a stateless EJB, and write JSON back;
 * the session checks happen before them, in {@code SessionFilter}.
 */
package org.erp.sessions.web.rest;
