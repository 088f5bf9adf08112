/** Custom per-session data: the key rules and size limits. The values live in the session only. */
package org.erp.sessions.domain.data;
