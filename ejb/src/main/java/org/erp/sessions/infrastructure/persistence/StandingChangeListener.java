package org.erp.sessions.infrastructure.persistence;

import jakarta.inject.Inject;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.erp.sessions.domain.device.Device;
import org.erp.sessions.domain.user.User;
import org.erp.sessions.infrastructure.StandingVersions;

/**
 * Every update or removal of a user, and every end or removal of a device, whoever makes it,
 * announces a new version of its standing ({@link StandingVersions}) for when its transaction
 * commits. The persistence unit's default entity listener (META-INF/orm.xml), so no writer can
 * forget it; bulk updates bypass entity listeners and announce their change themselves
 * (JpaDeviceRepository).
 */
public class StandingChangeListener {

  @Inject private StandingVersions versions;

  @PostUpdate
  void updated(Object entity) {
    if (entity instanceof User user) {
      versions.userChanged(user.id());
    } else if (entity instanceof Device device && !device.isOpen()) {
      // Only its end changes what the check decides; its activity, written once a minute per
      // session, would put a token per active session on every node. The node that writes the
      // activity updates what it keeps (SessionValidity#activityRecorded).
      versions.deviceChanged(device.id());
    }
  }

  /** A removed device is gone whether it was open or not: the check must stop finding it. */
  @PostRemove
  void removed(Object entity) {
    if (entity instanceof User user) {
      versions.userChanged(user.id());
    } else if (entity instanceof Device device) {
      versions.deviceChanged(device.id());
    }
  }
}
