package org.erp.sessions.it.fuzz;

/**
 * One endpoint to fuzz: its method and path, what it takes, who may call it, and how many inputs
 * it gets (at {@code -Dfuzz.scale=1}).
 */
public record Endpoint(
    String method,
    String template,
    Param param,
    Schema schema,
    Access access,
    boolean endsSession,
    int tries) {

  public static Endpoint ep(
      String method, String template, Param param, Schema schema, Access access, int tries) {
    return new Endpoint(method, template, param, schema, access, false, tries);
  }

  /** An endpoint that ends the caller's session when it succeeds (logout, destroy). */
  public static Endpoint ending(
      String method, String template, Param param, Schema schema, Access access, int tries) {
    return new Endpoint(method, template, param, schema, access, true, tries);
  }

  /** What {@code -Dfuzz.only} names, and the endpoint's line in the report. */
  public String label() {
    return method + " " + template;
  }

  boolean odoo() {
    return template.startsWith("/web/");
  }

  boolean takesBody() {
    return schema != Schema.NONE;
  }
}
