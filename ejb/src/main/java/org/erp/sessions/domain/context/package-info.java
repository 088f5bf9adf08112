/** The request context (language, time zone, user, active companies) and the rules that build it. */
package org.erp.sessions.domain.context;
