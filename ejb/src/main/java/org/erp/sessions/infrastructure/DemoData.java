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
import org.erp.sessions.domain.error.ErpException;

/**
 * What a database without users starts with: the demo companies and users of API.md §11 when
 * {@code erp.demo-data} is true (scripts/run.sh and cluster.sh turn it on; the product default
 * is off); else the first administrator when {@code erp.bootstrap.admin-password} is set; else
 * nobody, and a warning that says how to create the first administrator. There is no default
 * password. A database that already has users is left alone.
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
    try {
      if (config.demoData()) {
        if (writer.seedIfEmpty()) {
          LOG.info("Seeded the demo companies and users (admin, demo, portal).");
        }
      } else if (!config.bootstrapAdminPassword().isEmpty()) {
        if (writer.createFirstAdministrator(config.bootstrapAdminPassword())) {
          LOG.warning(
              "Created the first administrator, 'admin', in company 1 from "
                  + ErpConfig.BOOTSTRAP_ADMIN_PASSWORD
                  + ". Remove that setting now; it is ignored while users exist.");
        }
      } else if (!writer.anyUser()) {
        LOG.warning(
            "The database has no user, so nobody can sign in. To create the first administrator"
                + " ('admin', company 1), start once with ERP_BOOTSTRAP_ADMIN_PASSWORD set to a"
                + " password of at least 8 characters (or -D"
                + ErpConfig.BOOTSTRAP_ADMIN_PASSWORD
                + "=...), then remove it. ERP_DEMO_DATA=true seeds demo users instead.");
      }
    } catch (ErpException refused) {
      LOG.severe("First administrator not created: " + refused.getMessage());
    } catch (RuntimeException e) {
      // Another node seeding the same empty database at the same moment wins; that is fine.
      LOG.log(Level.WARNING, "Initial users not created here: " + e.getClass().getSimpleName());
    }
  }
}
