/** RFC 9457 problem details: the only way the service reports a failure over HTTP. */
package org.erp.sessions.web.problem;
