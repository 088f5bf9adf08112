package org.erp.sessions.store;

import org.infinispan.commands.read.AbstractDataCommand;
import org.infinispan.commands.read.GetCacheEntryCommand;
import org.infinispan.commands.read.GetKeyValueCommand;
import org.infinispan.context.InvocationContext;
import org.infinispan.context.impl.FlagBitSets;
import org.infinispan.interceptors.DDAsyncInterceptor;
import org.wildfly.clustering.session.infinispan.embedded.metadata.SessionMetaDataKey;

/**
 * Lets WildFly's expiration of a session wait for the session's lock instead of giving up at once.
 *
 * <p>WildFly 39.0.1 (wildfly-clustering 9.0.2) expires a session by reading its meta-data with a
 * write lock and no wait ({@code ZERO_LOCK_ACQUISITION_TIMEOUT}), and takes a session it cannot
 * lock for one in use, whose request schedules its expiration again when it ends. But a request
 * that finds an expired session (a user back after the deadline, or at start while the node
 * expires the sessions whose deadlines passed while it was down) schedules its expiration while
 * holding that lock, and ends without scheduling anything: if the expiration runs before the
 * request lets go of the lock, which is a matter of microseconds, it is dropped, and the session
 * stays in the store, with its custom data and an open device, until a node starts again. CI
 * found it so once (4 rows left in restart-test.sh); in a loop of that test's last part on
 * PostgreSQL, with requests for two expired sessions at start, WildFly gave up an expiration in 2
 * runs of 4 (rows left in 1), and in none of 6 with this interceptor.
 *
 * <p>So this read waits for the lock, up to the cache's lock timeout, as every other read of a
 * session does; the other reads with no wait are left as they are. A session truly in use is not
 * scheduled to expire (its request cancels that), so the wait is the few microseconds a request
 * needs to close; should it last the whole timeout, the read still fails silently, and WildFly
 * goes on as before.
 */
final class ExpiryWaitsForLock extends DDAsyncInterceptor {

  private static final long EXPIRY_READ =
      FlagBitSets.FORCE_WRITE_LOCK | FlagBitSets.ZERO_LOCK_ACQUISITION_TIMEOUT;

  @Override
  public Object visitGetKeyValueCommand(InvocationContext ctx, GetKeyValueCommand command)
      throws Throwable {
    waitForLock(command);
    return invokeNext(ctx, command);
  }

  @Override
  public Object visitGetCacheEntryCommand(InvocationContext ctx, GetCacheEntryCommand command)
      throws Throwable {
    waitForLock(command);
    return invokeNext(ctx, command);
  }

  private static void waitForLock(AbstractDataCommand command) {
    if (command.getKey() instanceof SessionMetaDataKey && command.hasAllFlags(EXPIRY_READ)) {
      command.setFlagsBitSet(
          command.getFlagsBitSet() & ~FlagBitSets.ZERO_LOCK_ACQUISITION_TIMEOUT);
    }
  }
}
