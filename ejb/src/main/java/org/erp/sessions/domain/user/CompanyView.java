package org.erp.sessions.domain.user;

/** A company as listed to a user: its id and name. */
public record CompanyView(int id, String name) {}
