/** Start-up work: the schema migrations and the demo data. */
package org.erp.sessions.infrastructure;
