package org.erp.sessions.it.fuzz;

import java.util.List;

/** The body an endpoint takes: its fields, and whether it comes in a JSON-RPC envelope. */
public enum Schema {
  NONE(false),
  LOGIN(false, new Field("login", Kind.LOGIN), new Field("password", Kind.PASSWORD)),
  COMPANIES(false, new Field("allowed_company_ids", Kind.INT_LIST)),
  DATA_VALUE(false, new Field("value", Kind.ANY)),
  PREFERENCES(false, new Field("lang", Kind.LANG), new Field("tz", Kind.TZ)),
  PASSWORD_CHANGE(
      false,
      new Field("current_password", Kind.PASSWORD),
      new Field("new_password", Kind.PASSWORD)),
  NEW_USER(
      false,
      new Field("login", Kind.LOGIN),
      new Field("password", Kind.PASSWORD),
      new Field("name", Kind.NAME),
      new Field("is_admin", Kind.BOOL),
      new Field("company_ids", Kind.INT_LIST),
      new Field("lang", Kind.LANG),
      new Field("tz", Kind.TZ)),
  USER_CHANGES(
      false,
      new Field("active", Kind.BOOL),
      new Field("name", Kind.NAME),
      new Field("is_admin", Kind.BOOL),
      new Field("company_ids", Kind.INT_LIST)),
  ODOO_AUTH(
      true,
      new Field("db", Kind.DB),
      new Field("login", Kind.LOGIN),
      new Field("password", Kind.PASSWORD)),
  ODOO_CALL(true);

  final boolean jsonRpc;
  final List<Field> fields;

  Schema(boolean jsonRpc, Field... fields) {
    this.jsonRpc = jsonRpc;
    this.fields = List.of(fields);
  }

  /** What a field of a request body holds when it is well typed. */
  enum Kind {
    LOGIN,
    PASSWORD,
    NAME,
    BOOL,
    INT_LIST,
    ANY,
    LANG,
    TZ,
    DB
  }

  record Field(String name, Kind kind) {}
}
