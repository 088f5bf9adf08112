/**
 * The Java API of the ERP session service for ERP modules deployed in its EAR (version 1.0):
 * {@link org.erp.sessions.api.ErpSession}, {@link org.erp.sessions.api.ErpContext} and {@link
 * org.erp.sessions.api.SignedIn}. Refusals are {@link org.erp.sessions.domain.error.ErpException}s
 * with the codes of the HTTP API. See docs/modules.md.
 */
package org.erp.sessions.api;
