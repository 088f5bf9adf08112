/**
 * Two-factor authentication by time-based one-time passwords (RFC 6238): the code algorithm, the
 * secret's text form and encryption at rest, the enrolment QR code, and the two tables (a user's
 * TOTP secret, the browsers remembered to skip the code).
 */
package org.erp.sessions.domain.totp;
