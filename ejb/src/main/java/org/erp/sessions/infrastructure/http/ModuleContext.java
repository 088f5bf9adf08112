package org.erp.sessions.infrastructure.http;

import java.util.List;
import org.erp.sessions.api.ErpContext;
import org.erp.sessions.domain.context.ContextRules;
import org.erp.sessions.domain.context.RequestContext;
import org.erp.sessions.domain.user.UserView;

/**
 * An {@link ErpContext}: immutable, and each {@code with} checked by the rules of the HTTP API
 * ({@link ContextRules}) against the user and the installed languages.
 */
final class ModuleContext implements ErpContext {

  private final RequestContext context;
  private final UserView user;
  private final List<String> languages;

  ModuleContext(RequestContext context, UserView user, List<String> languages) {
    this.context = context;
    this.user = user;
    this.languages = languages;
  }

  @Override
  public String lang() {
    return context.lang();
  }

  @Override
  public String tz() {
    return context.tz();
  }

  @Override
  public int uid() {
    return context.uid();
  }

  @Override
  public List<Integer> allowedCompanyIds() {
    return context.allowedCompanyIds();
  }

  @Override
  public int currentCompanyId() {
    return context.currentCompany();
  }

  @Override
  public ErpContext withLang(String lang) {
    ContextRules.checkLang(lang, languages);
    return new ModuleContext(
        new RequestContext(lang, context.tz(), context.uid(), context.allowedCompanyIds()), user, languages);
  }

  @Override
  public ErpContext withTz(String tz) {
    ContextRules.checkTz(tz);
    return new ModuleContext(
        new RequestContext(context.lang(), tz, context.uid(), context.allowedCompanyIds()), user, languages);
  }

  @Override
  public ErpContext withCompanies(List<Integer> companyIds) {
    List<Integer> checked = ContextRules.checkSelection(user, companyIds);
    return new ModuleContext(
        new RequestContext(context.lang(), context.tz(), context.uid(), checked), user, languages);
  }

  @Override
  public String toString() {
    return "ErpContext[lang=" + lang() + ", tz=" + tz() + ", uid=" + uid()
        + ", companies=" + allowedCompanyIds() + "]";
  }
}
