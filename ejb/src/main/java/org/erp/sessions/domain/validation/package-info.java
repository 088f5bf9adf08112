/**
 * Bean Validation constraints of the service's own: the rules of request bodies and service
 * parameters that the standard constraints do not say (no U+0000, not only white space, no
 * repeated element, one of several fields given). Used on records in {@code web} and on the
 * parameters of the application services alike, so both floors check a value the same way.
 */
package org.erp.sessions.domain.validation;
