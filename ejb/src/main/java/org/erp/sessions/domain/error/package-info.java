/**
 * The refusals of the service: the error codes of the HTTP contract and the one exception that
 * carries them. The web module maps this exception, in one place, to RFC 9457 problems.
 */
package org.erp.sessions.domain.error;
