package org.erp.sessions.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;

/**
 * Session cookies replaced by a periodic rotation, during their grace: a cluster-wide cache
 * ({@code rotated-session-ids} in the server's {@code web} cache container, replicated, so every
 * node answers from memory) from a hash of the replaced cookie value to the new one, each entry
 * living exactly the grace. Only read when a cookie names no session (any more), so the usual
 * request never looks here. The key is a hash: the cache never names a replaced id.
 *
 * <p>And this node's requests in flight per cookie: a request that holds a session while another
 * one replaces its id fails inside the container (WildFly 39 hands it the invalidated session
 * again), so a session is only rotated by a request that has it to itself on this node ({@link
 * #begin}); a request that arrives while a rotation runs waits for its end ({@link #arrived}).
 * A request counts from before anything looks its session up (the web module's outermost thread
 * setup action): a session object fetched earlier would stay attached to the request, dead.
 * (Requests of one session on two nodes do not overlap: the session's cluster-wide lock.)
 */
@ApplicationScoped
public class RotatedSessionIds {

  /** Far above a rotation's duration (one replicated put); only a broken cache waits this long. */
  private static final long ROTATION_WAIT_SECONDS = 10;

  /**
   * How many replacements of one cookie a request follows: one per interval within the grace,
   * so a few at most; the bound only keeps a misconfiguration (a grace of days, an interval of
   * seconds) from costing a long walk per request.
   */
  private static final int MAX_REPLACEMENTS_FOLLOWED = 32;

  /** Rotations under way on this node, by the cookie value they replace. */
  private final ConcurrentHashMap<String, Rotation> underway = new ConcurrentHashMap<>();

  /** A rotation under way, and the thread of the request that runs it (it never waits for it). */
  private record Rotation(CountDownLatch done, Thread thread) {}

  @Inject
  @ServiceCache(ServiceCache.Name.ROTATED_SESSION_IDS)
  private Cache<String, String> cache;

  /**
   * Requests in flight on this node, by the session cookie they came with: from their arrival
   * until their session is closed (the web module calls {@link #left} then, not when the answer
   * is sent: until it is closed, a request still holds the session object).
   */
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

  /**
   * A request with this cookie starts on this node; if a rotation of it runs, returns once that
   * rotation has ended (its request's session closed: the new one stored, the old one gone). Pair
   * with {@link #left}.
   */
  public void arrived(String cookie) {
    inFlight.merge(cookie, 1, Integer::sum);
    awaitRotation(cookie);
  }

  public void left(String cookie) {
    inFlight.merge(cookie, -1, (a, b) -> a + b == 0 ? null : a + b);
  }

  /**
   * Claims the rotation of this cookie for the current request, which must be its only request
   * in flight on this node; false when another request has it or is under way.
   */
  public boolean begin(String replacedCookie) {
    Rotation rotation = new Rotation(new CountDownLatch(1), Thread.currentThread());
    if (underway.putIfAbsent(replacedCookie, rotation) != null) {
      return false;
    }
    // Counted after the claim: a request arriving from now on waits for the rotation's end.
    if (inFlight.getOrDefault(replacedCookie, 0) > 1) {
      end(replacedCookie);
      return false;
    }
    return true;
  }

  /** Makes the replaced cookie lead to the new one for the grace, on every node. */
  public void remember(String replacedCookie, String newCookie, Duration grace) {
    cache.put(key(replacedCookie), newCookie, grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ends what {@link #begin} claimed, remembered or not. */
  public void end(String replacedCookie) {
    Rotation rotation = underway.remove(replacedCookie);
    if (rotation != null) {
      rotation.done().countDown();
    }
  }

  /**
   * The cookie value that replaced this one, while its grace lasts; the newest one if that was
   * replaced in turn (a grace longer than the interval: a tab that kept the first cookie still
   * reaches the session after the second rotation).
   */
  public Optional<String> successorOf(String cookie) {
    awaitRotation(cookie);
    String successor = cache.get(key(cookie));
    for (int hop = 1; successor != null && hop < MAX_REPLACEMENTS_FOLLOWED; hop++) {
      awaitRotation(successor);
      String next = cache.get(key(successor));
      if (next == null) {
        break;
      }
      successor = next;
    }
    return Optional.ofNullable(successor);
  }

  private void awaitRotation(String cookie) {
    Rotation running = underway.get(cookie);
    if (running != null && running.thread() != Thread.currentThread()) {
      try {
        running.done().await(ROTATION_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String key(String cookie) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(cookie.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
