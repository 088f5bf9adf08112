/**
 * The refusals of the service: the error codes of the HTTP contract and the one exception that
 * carries them. Part of the module API: a module's session calls refuse with the same codes as
 * the HTTP API. The web module maps this exception, in one place, to RFC 9457 problems.
 */
package org.erp.sessions.domain.error;
