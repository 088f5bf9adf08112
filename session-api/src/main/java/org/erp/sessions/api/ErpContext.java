package org.erp.sessions.api;

import java.util.List;

/**
 * The context of the current request: Odoo's {@code request.env.context}. Built from the user's
 * stored preferences and the session's active companies, for this request only; nothing of it is
 * stored. Inject it ({@code @Inject ErpContext context}) in a resource or in an EJB called from
 * the request: both see the same context.
 *
 * <p>The {@code with} methods are Odoo's {@code with_context}: they return a new context that
 * differs in one respect, checked by the same rules as the HTTP API ({@code invalid_lang},
 * {@code invalid_tz}, {@code company_not_allowed}, as {@link
 * org.erp.sessions.domain.error.ErpException}); the request's context and the session are not
 * changed. Pass the new context on as a parameter to whatever needs it.
 *
 * <p>Without a valid session, injecting it works but every method throws {@code
 * not_authenticated}.
 *
 * @since 1.0
 */
public interface ErpContext {

  /** The language, e.g. {@code en_US}: one of {@code erp.languages}. */
  String lang();

  /** The IANA time zone, e.g. {@code Europe/Brussels}. */
  String tz();

  /** The signed-in user's id. */
  int uid();

  /** The active companies, the current one first. */
  List<Integer> allowedCompanyIds();

  /** The first of {@link #allowedCompanyIds()}. */
  int currentCompanyId();

  /** The same context in another language. */
  ErpContext withLang(String lang);

  /** The same context in another time zone. */
  ErpContext withTz(String tz);

  /** The same context with other active companies (the first current), all of the user's. */
  ErpContext withCompanies(List<Integer> companyIds);
}
