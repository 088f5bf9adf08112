/** Password hashing: Argon2id for new hashes, Odoo's PBKDF2-SHA512 hashes accepted on import. */
package org.erp.sessions.domain.password;
