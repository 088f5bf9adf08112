package org.erp.sessions.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.erp.sessions.config.ErpConfig;

/**
 * Seeds the demo companies and users of API.md §11 into an empty database when
 * {@code erp.demo-data} is true. A database that already has users is left alone.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoData {

  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

  @Inject private ErpConfig config;
  @EJB private DemoDataWriter writer;

  @PostConstruct
  void seed() {
    if (!config.demoData()) {
      return;
    }
    try {
      if (writer.seedIfEmpty()) {
        LOG.info("Seeded the demo companies and users (admin, demo, portal).");
      }
    } catch (RuntimeException e) {
      // Another node seeding the same empty database at the same moment wins; that is fine.
      LOG.log(Level.WARNING, "Demo data not seeded here: " + e.getClass().getSimpleName());
    }
  }
}
