/**
 * The HttpSession: its layout ({@code SessionStore}, {@code SessionState}), the cookie, and the
 * filter that checks every request's session before a resource runs.
 */
package org.erp.sessions.web.session;
