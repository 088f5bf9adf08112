/** Devices: the log of a user's sessions, with where they signed in and whether they ended. */
package org.erp.sessions.domain.device;
