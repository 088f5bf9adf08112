/** JSON in and out: bounded request bodies with typed fields, snake_case responses, headers. */
package org.erp.sessions.web.json;
