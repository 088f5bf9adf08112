package org.erp.sessions.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.erp.sessions.domain.device.Device;
import org.erp.sessions.domain.device.DeviceRepository;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.infrastructure.StandingVersions;

/** Devices in the database through JPA, in the caller's transaction. */
@ApplicationScoped
public class JpaDeviceRepository implements DeviceRepository {

  @PersistenceContext private EntityManager em;
  @Inject private StandingVersions versions;

  @Override
  public Optional<Device> find(String id) {
    return Optional.ofNullable(em.find(Device.class, id));
  }

  @Override
  public void add(Device device) {
    em.persist(device);
  }

  @Override
  public List<Device> openOfUser(int uid) {
    return em.createNamedQuery("Device.openOfUser", Device.class).setParameter("uid", uid).getResultList();
  }

  @Override
  public List<Device> openOfUserOldestActivityFirst(int uid) {
    return em.createNamedQuery("Device.openOfUserOldestActivityFirst", Device.class)
        .setParameter("uid", uid)
        .getResultList();
  }

  @Override
  public List<Device> openButExpired(Instant now, Instant idleDeadlinesBefore, int limit) {
    return em.createNamedQuery("Device.openButExpired", Device.class)
        .setParameter("now", now)
        .setParameter("idleBefore", idleDeadlinesBefore)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public long countLive(Instant now, Instant idleDeadlinesBefore) {
    return em.createNamedQuery("Device.countLive", Long.class)
        .setParameter("now", now)
        .setParameter("idleBefore", idleDeadlinesBefore)
        .getSingleResult();
  }

  @Override
  public int endAllOpen(Instant now, EndReason reason) {
    // A bulk update: the entity listener does not see it, so it announces the change of every
    // device itself: no node goes on seeing a device it keeps as open.
    int ended =
        em.createNamedQuery("Device.endAllOpen")
            .setParameter("now", now)
            .setParameter("reason", reason)
            .executeUpdate();
    versions.allDevicesChanged();
    return ended;
  }

  @Override
  public List<Device> openWithApiKey(String keyId) {
    return em.createNamedQuery("Device.openWithApiKey", Device.class)
        .setParameter("keyId", keyId)
        .getResultList();
  }

  @Override
  public List<Instant> signInsSince(Instant since) {
    return em.createNamedQuery("Device.createdSince", Instant.class)
        .setParameter("since", since)
        .getResultList();
  }
}
