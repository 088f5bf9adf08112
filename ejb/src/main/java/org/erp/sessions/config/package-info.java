/** The service's settings: names, defaults and validation, read through MicroProfile Config. */
package org.erp.sessions.config;
