package org.erp.sessions.domain.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where devices (one per session, API.md §4) are kept; reached only through here. */
public interface DeviceRepository {

  Optional<Device> find(String id);

  void add(Device device);

  /** The user's devices not ended, newest activity first. */
  List<Device> openOfUser(int uid);

  /** The user's devices not ended, least recently active first (who goes at the limit). */
  List<Device> openOfUserOldestActivityFirst(int uid);

  /**
   * Devices not ended whose session has ended by the expiry rule: absolute deadline at or before
   * {@code now}, or recorded idle deadline at or before {@code idleDeadlinesBefore}; at most
   * {@code limit} of them.
   */
  List<Device> openButExpired(Instant now, Instant idleDeadlinesBefore, int limit);

  /**
   * How many devices are not ended and within their deadlines, the recorded idle deadline after
   * {@code idleDeadlinesBefore} (the live sessions of the whole cluster).
   */
  long countLive(Instant now, Instant idleDeadlinesBefore);

  /**
   * Ends every device not ended, with this time and reason, in one statement that loads none of
   * them (a restart may find a million); how many.
   */
  int endAllOpen(Instant now, EndReason reason);

  /** The devices not ended of sessions started with this API key. */
  List<Device> openWithApiKey(String keyId);

  /** When each device opened at or after {@code since} was opened: one per sign-in. */
  List<Instant> signInsSince(Instant since);
}
