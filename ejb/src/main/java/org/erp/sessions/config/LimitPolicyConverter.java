package org.erp.sessions.config;

import org.eclipse.microprofile.config.spi.Converter;
import org.erp.sessions.config.ErpConfig.LimitPolicy;

/** Reads {@link ErpConfig#LIMIT_POLICY} by the names the settings use ({@code evict-oldest}). */
public class LimitPolicyConverter implements Converter<LimitPolicy> {

  private static final long serialVersionUID = 1L;

  @Override
  public LimitPolicy convert(String value) {
    String name = value.trim();
    for (LimitPolicy policy : LimitPolicy.values()) {
      if (policy.settingValue().equals(name)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("Not a session limit policy: " + value);
  }
}
