/**
 * The stateless EJBs the web module calls: authentication with its cooldown, the user directory
 * and user administration, health. They know nothing of HTTP; refusals are {@code ErpException}s.
 */
package org.erp.sessions.application;
