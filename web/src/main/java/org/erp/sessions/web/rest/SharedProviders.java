package org.erp.sessions.web.rest;

import java.util.Set;
import org.erp.sessions.web.http.RequestMetricsFilter;
import org.erp.sessions.web.json.BodyLimitFilter;
import org.erp.sessions.web.json.JsonbSetup;
import org.erp.sessions.web.json.NoResourceValidation;
import org.erp.sessions.web.json.ResponseHeadersFilter;
import org.erp.sessions.web.json.SessionInfoWriter;
import org.erp.sessions.web.problem.ProblemMapper;
import org.erp.sessions.web.session.SessionFilter;

/** The providers every JAX-RS application of the service uses: session checks, JSON, errors. */
public final class SharedProviders {

  public static final Set<Class<?>> CLASSES =
      Set.of(
          SessionFilter.class,
          BodyLimitFilter.class,
          ResponseHeadersFilter.class,
          JsonbSetup.class,
          SessionInfoWriter.class,
          NoResourceValidation.class,
          ProblemMapper.class,
          RequestMetricsFilter.class);

  private SharedProviders() {}
}
