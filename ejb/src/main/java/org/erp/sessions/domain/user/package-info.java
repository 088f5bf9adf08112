/**
 * Users and companies: the entities stored in the database, and the immutable views of them
 * that the rest of the service works with.
 */
package org.erp.sessions.domain.user;
