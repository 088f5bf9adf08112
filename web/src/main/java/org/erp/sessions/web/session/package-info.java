/**
 * The HTTP side of the session that only this WAR has: the cookie (SessionCookies), the filter
 * that applies each endpoint's session rules (SessionFilter), the session listener and the
 * commit filter. The session itself is the session core's (EJB jar, application.session), read
 * through the HttpSession adapter every WAR shares (infrastructure.http).
 */
package org.erp.sessions.web.session;
