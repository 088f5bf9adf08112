/** HTTP concerns of every answer, below JAX-RS: the browser-hardening headers. */
package org.erp.sessions.web.http;
