/** The repositories of the domain on the database, through JPA. */
package org.erp.sessions.infrastructure.persistence;
