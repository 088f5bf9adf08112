/** API keys (API.md §13): the stored key (its hash, never the key), the key's format, the repository. */
package org.erp.sessions.domain.apikey;
