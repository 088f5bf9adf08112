package org.erp.sessions.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.erp.sessions.config.ErpConfig;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema to the version this build expects, with Flyway's versioned
 * migrations under {@code db/migration}, before the service takes requests. Flyway locks the
 * schema history table, so nodes starting together migrate once. Also checks the configuration,
 * so that a wrong setting stops the deployment with a clear message instead of failing later.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigrator {

  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

  @Resource(lookup = "java:jboss/datasources/ErpDS")
  private DataSource dataSource;

  @Inject private ErpConfig config;

  @PostConstruct
  void migrate() {
    config.validate();
    var result =
        Flyway.configure(DatabaseMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            // The session store's tables (configure.cli) are created by Infinispan when the
            // caches start, which can be before this runs on a new database: a schema holding
            // only those is treated as empty (baseline 0, then every migration).
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : "current")
                + " ("
                + result.migrationsExecuted
                + " migrations applied now).");
  }
}
