/** Login throttling: failed attempts counted per login and per client address, cluster-wide. */
package org.erp.sessions.domain.login;
