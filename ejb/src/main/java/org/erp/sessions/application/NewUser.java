package org.erp.sessions.application;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.erp.sessions.domain.validation.Distinct;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;

/**
 * What an administrator gives to create a user: a password, or a hash imported from Odoo (or
 * another installation of this service) with {@code password} null. The login's length is checked
 * by {@link UserDirectory} after trimming, which a constraint on the raw value cannot say.
 */
public record NewUser(
    @NotNull(message = "is required") @NotBlankText @NoNul String login,
    @NoNul String password,
    @NoNul String importedPasswordHash,
    @NotNull(message = "is required")
        @NotBlankText
        @NoNul
        @Size(max = 128, message = "must be 1 to 128 characters")
        String name,
    boolean isAdmin,
    @NotEmpty(message = "must name at least one company")
        @Distinct(message = "must not repeat a company")
        List<Integer> companyIds,
    @NotNull(message = "is required") @NoNul String lang,
    @NotNull(message = "is required") @NoNul String tz) {

  public NewUser {
    companyIds = List.copyOf(companyIds);
  }

  /** A user with a password. */
  public NewUser(
      String login,
      String password,
      String name,
      boolean isAdmin,
      List<Integer> companyIds,
      String lang,
      String tz) {
    this(login, password, null, name, isAdmin, companyIds, lang, tz);
  }
}
