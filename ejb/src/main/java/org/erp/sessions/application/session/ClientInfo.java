package org.erp.sessions.application.session;

/**
 * What the session core knows of a client: its address (for the login cooldown and the device
 * list) and its user agent (for the device list). Never a request object: the core serves HTTP,
 * the Odoo routes and modules alike.
 */
public record ClientInfo(String address, String userAgent) {}
