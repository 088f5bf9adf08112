package org.erp.sessions.web.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.erp.sessions.domain.user.UserView;

/** A user as administrators see it (API.md §6). Never the hash, never the security stamp. */
public record UserResponse(
    int uid,
    String login,
    String name,
    @JsonbProperty("is_admin") boolean isAdmin,
    boolean active,
    List<Integer> companyIds,
    String lang,
    String tz) {

  public static UserResponse of(UserView user) {
    return new UserResponse(
        user.uid(),
        user.login(),
        user.name(),
        user.isAdmin(),
        user.active(),
        user.companyIds(),
        user.lang(),
        user.tz());
  }
}
