package org.erp.sessions.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.erp.sessions.config.ErpConfig.LimitPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** ErpConfig on SmallRye Config (WildFly's), with settings given as system properties. */
class ErpConfigTest {

  private final ErpConfig config = new ErpConfig();
  private final List<String> set = new ArrayList<>();

  @AfterEach
  void clearSettings() {
    set.forEach(System::clearProperty);
  }

  private void setting(String name, String value) {
    set.add(name);
    System.setProperty(name, value);
  }

  private static void refused(String message, Executable read) {
    assertEquals(message, assertThrows(IllegalStateException.class, read).getMessage());
  }

  @Test
  void unsetSettingsTakeTheirDefaults() {
    assertEquals(Duration.ofMinutes(30), config.idleTimeout());
    assertEquals(Duration.ofHours(12), config.absoluteTimeout());
    assertEquals(Duration.ofSeconds(1), config.passwordTurnWait());
    assertEquals(LimitPolicy.DENY, config.limitPolicy());
    assertEquals(0, config.maxSessionsPerUser());
    assertEquals(32, config.dataMaxKeys());
    config.validate();
  }

  @Test
  void durationsAndThePolicyAreConvertedByTheRegisteredConverters() {
    setting(ErpConfig.IDLE_TIMEOUT, " PT45M ");
    setting(ErpConfig.LIMIT_POLICY, "evict-oldest");
    setting(ErpConfig.PASSWORD_TURN_WAIT, "PT0S");
    setting(ErpConfig.DATA_MAX_KEYS, " 7 ");
    assertEquals(Duration.ofMinutes(45), config.idleTimeout());
    assertEquals(LimitPolicy.EVICT_OLDEST, config.limitPolicy());
    assertEquals(Duration.ZERO, config.passwordTurnWait());
    assertEquals(7, config.dataMaxKeys());
  }

  @Test
  void sessionsAreDurableUnlessTheSettingSaysMemory() {
    assertFalse(config.sessionsInMemoryOnly());
    setting(ErpConfig.SESSION_PERSISTENCE, "memory");
    assertTrue(config.sessionsInMemoryOnly());
    setting(ErpConfig.SESSION_PERSISTENCE, "disk");
    refused(
        "Configuration erp.session.persistence = 'disk' is invalid: expected database or memory.",
        config::sessionsInMemoryOnly);
  }

  @Test
  void aNodeHoldsTenThousandCustomDataEntriesInMemoryUnlessTold() {
    assertEquals(10_000, config.maxDataEntriesInMemory());
    setting(ErpConfig.DATA_MAX_IN_MEMORY, "500");
    assertEquals(500, config.maxDataEntriesInMemory());
    setting(ErpConfig.DATA_MAX_IN_MEMORY, "0");
    refused(
        "Configuration erp.session.data.max-in-memory = '0' is invalid: expected an integer of at least 1.",
        config::maxDataEntriesInMemory);
  }

  @Test
  void aNodeHoldsTenThousandSessionsInMemoryUnlessTold() {
    assertEquals(10_000, config.maxSessionsInMemory());
    setting(ErpConfig.MAX_IN_MEMORY, "1000");
    assertEquals(1000, config.maxSessionsInMemory());
    setting(ErpConfig.MAX_IN_MEMORY, "0"); // no bound: every session in the heap
    assertEquals(0, config.maxSessionsInMemory());
    setting(ErpConfig.MAX_IN_MEMORY, "-1");
    refused(
        "Configuration erp.session.max-in-memory = '-1' is invalid: expected an integer of at least 0.",
        config::maxSessionsInMemory);
  }

  @Test
  void aChangedSettingAppliesToTheNextRead() {
    setting(ErpConfig.LOGIN_COOLDOWN, "PT2S");
    assertEquals(Duration.ofSeconds(2), config.loginCooldown());
    setting(ErpConfig.LOGIN_COOLDOWN, "PT3S");
    assertEquals(Duration.ofSeconds(3), config.loginCooldown());
  }

  @Test
  void aValueTheConverterRefusesNamesTheSettingAndWhatIsExpected() {
    setting(ErpConfig.IDLE_TIMEOUT, "30 minutes");
    refused(
        "Configuration erp.session.idle-timeout = '30 minutes' is invalid: expected an ISO-8601"
            + " duration such as PT30M.",
        config::idleTimeout);
    setting(ErpConfig.LIMIT_POLICY, "EVICT_OLDEST");
    refused(
        "Configuration erp.session.limit-policy = 'EVICT_OLDEST' is invalid: expected deny or"
            + " evict-oldest.",
        config::limitPolicy);
    setting(ErpConfig.MAX_PER_USER, "ten");
    refused(
        "Configuration erp.session.max-per-user = 'ten' is invalid: expected an integer.",
        config::maxSessionsPerUser);
    setting(ErpConfig.PASSWORD_TURN_WAIT, "1s");
    refused(
        "Configuration erp.password.turn-wait = '1s' is invalid: expected an ISO-8601 duration"
            + " such as PT1S.",
        config::passwordTurnWait);
  }

  @Test
  void aValueOutOfRangeNamesTheSettingAndTheRange() {
    setting(ErpConfig.LOGIN_COOLDOWN, "PT0S");
    refused(
        "Configuration erp.login.cooldown = 'PT0S' is invalid: expected a positive ISO-8601"
            + " duration such as PT30M.",
        config::loginCooldown);
    setting(ErpConfig.PASSWORD_TURN_WAIT, "-PT1S");
    refused(
        "Configuration erp.password.turn-wait = '-PT1S' is invalid: expected a duration of zero"
            + " or more such as PT1S.",
        config::passwordTurnWait);
    setting(ErpConfig.ARGON2_MEMORY_KIB, "4");
    refused(
        "Configuration erp.password.argon2.memory-kib = '4' is invalid: expected an integer of at"
            + " least 8.",
        config::argon2MemoryKib);
  }

  @Test
  void validateStopsAtAWrongSetting() {
    setting(ErpConfig.DEVICE_ACTIVITY_RESOLUTION, "P1X");
    refused(
        "Configuration erp.device.activity-resolution = 'P1X' is invalid: expected an ISO-8601"
            + " duration such as PT30M.",
        config::validate);
  }

  @Test
  void theTotpSettingsHaveDefaultsAndAWrongKeyIsRefusedWithoutShowingIt() {
    assertEquals(java.util.Optional.empty(), config.totpEncryptionKey());
    assertEquals(Duration.ofMinutes(5), config.totpPendingTimeout());
    assertEquals(Duration.ofDays(90), config.totpTrustedDeviceLifetime());
    setting(ErpConfig.TOTP_ENCRYPTION_KEY, java.util.Base64.getEncoder().encodeToString(new byte[32]));
    assertEquals(32, config.totpEncryptionKey().orElseThrow().length);
    setting(ErpConfig.TOTP_ENCRYPTION_KEY, "c2hvcnQta2V5");
    String message = assertThrows(IllegalStateException.class, config::totpEncryptionKey).getMessage();
    assertEquals(false, message.contains("c2hvcnQta2V5"), message);
    assertEquals(true, message.contains(ErpConfig.TOTP_ENCRYPTION_KEY), message);
  }

  @Test
  void sessionIdsAreRotatedEveryThreeHoursWithATwoMinuteGraceUnlessConfigured() {
    assertEquals(Duration.ofHours(3), config.rotationInterval());
    assertEquals(Duration.ofMinutes(2), config.rotationGrace());
    setting(ErpConfig.ROTATION_INTERVAL, "PT2S");
    assertEquals(Duration.ofSeconds(2), new ErpConfig().rotationInterval());
    setting(ErpConfig.ROTATION_GRACE, "PT0S");
    refused(
        "Configuration erp.session.rotation-grace = 'PT0S' is invalid: expected a positive"
            + " ISO-8601 duration such as PT30M.",
        config::validate);
  }

  /**
   * The settings every request reads (the languages, the rotation interval, the device activity's
   * resolution) are parsed at most once a second, not per request; a change still applies, within
   * that second.
   */
  @Test
  void theSettingsEveryRequestReadsApplyWithinASecondOfAChange() throws InterruptedException {
    assertEquals(List.of("en_US", "fr_FR", "de_DE", "nl_BE", "es_ES"), config.languages());
    assertEquals(Duration.ofHours(3), config.rotationInterval());
    assertEquals(Duration.ofMinutes(1), config.deviceActivityResolution());
    setting(ErpConfig.LANGUAGES, " de_DE , en_US ,");
    setting(ErpConfig.ROTATION_INTERVAL, "PT2S");
    setting(ErpConfig.DEVICE_ACTIVITY_RESOLUTION, "PT5S");
    Thread.sleep(1_100);
    assertEquals(List.of("de_DE", "en_US"), config.languages());
    assertEquals(Duration.ofSeconds(2), config.rotationInterval());
    assertEquals(Duration.ofSeconds(5), config.deviceActivityResolution());
  }
}
