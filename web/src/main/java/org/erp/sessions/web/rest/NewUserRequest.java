package org.erp.sessions.web.rest;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.erp.sessions.application.NewUser;
import org.erp.sessions.domain.validation.Distinct;
import org.erp.sessions.domain.validation.NoNul;
import org.erp.sessions.domain.validation.NotBlankText;
import org.erp.sessions.domain.validation.OneOf;

/**
 * The body of {@code POST /api/admin/users}. The rules of a user beyond the body's shape (login
 * and name lengths, password policy, existing companies, installed languages) are the
 * service's, on {@link NewUser} and in UserDirectory.
 */
@OneOf(
    value = {"password", "passwordHash"},
    onlyOne = true,
    message = "Send exactly one of password and password_hash")
public record NewUserRequest(
    @NotNull(message = "is required") @NotBlankText @NoNul String login,
    @NotBlankText @NoNul String password,
    @NotBlankText @NoNul String passwordHash,
    @NotNull(message = "is required") @NotBlankText @NoNul String name,
    Boolean isAdmin,
    @NotEmpty(message = "must name at least one company")
        @Distinct(message = "must not repeat a company")
        List<Integer> companyIds,
    @NotBlankText @NoNul String lang,
    @NotBlankText @NoNul String tz) {

  public NewUserRequest {
    companyIds = companyIds == null ? null : List.copyOf(companyIds);
  }

  /** The user to create; an absent lang, tz or is_admin takes the given default. */
  NewUser toNewUser(String defaultLang, String defaultTz) {
    return new NewUser(
        login,
        password,
        passwordHash,
        name,
        Boolean.TRUE.equals(isAdmin),
        companyIds,
        lang != null ? lang : defaultLang,
        tz != null ? tz : defaultTz);
  }
}
