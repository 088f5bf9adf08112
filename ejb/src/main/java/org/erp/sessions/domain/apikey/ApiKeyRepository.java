package org.erp.sessions.domain.apikey;

import java.util.List;
import java.util.Optional;

/** Where API keys are kept; reached only through here. */
public interface ApiKeyRepository {

  /** By id: from the second-level cache when it holds the key. */
  Optional<ApiKey> find(String id);

  void add(ApiKey key);

  /** The user's keys not revoked (expired ones included), newest first. */
  List<ApiKey> notRevokedOfUser(int uid);
}
