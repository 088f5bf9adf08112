package org.erp.sessions.it.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.servlet.handlers.ServletRequestContext;
import io.undertow.servlet.spec.HttpSessionImpl;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.erp.sessions.api.AuthStatus;
import org.erp.sessions.api.ErpContext;
import org.erp.sessions.api.ErpSession;
import org.erp.sessions.application.ApiKeys;
import org.erp.sessions.application.DeviceRegistry;
import org.erp.sessions.application.NewUser;
import org.erp.sessions.application.UserDirectory;
import org.erp.sessions.application.session.ActiveSession;
import org.erp.sessions.application.session.ClientInfo;
import org.erp.sessions.application.session.SessionService;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.domain.apikey.ApiKey;
import org.erp.sessions.domain.device.DeviceView;
import org.erp.sessions.domain.device.EndReason;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.user.UserView;
import org.erp.sessions.infrastructure.DeviceSweeper;
import org.erp.sessions.infrastructure.http.CurrentSession;
import org.erp.sessions.servlet.SessionStoreBeforeAnswer;
import org.infinispan.manager.EmbeddedCacheManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session core inside the server, as Cargo Tracker's BookingServiceTest: the real EJBs, the
 * real database and the real session data cache, with time moved by {@link MovableClock}
 * instead of slept away. The module API ({@link ErpSession}, {@link ErpContext}) is injected
 * here as a module would inject it.
 */
@ExtendWith(ArquillianExtension.class)
class SessionCoreIT {

  private static final String BEANS_XML =
      "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
          + " bean-discovery-mode=\"all\"/>";
  private static final String PASSWORD = "correct horse battery";
  private static final ClientInfo CLIENT = new ClientInfo("127.0.0.1", "SessionCoreIT");

  /** The EAR as built, plus this test in a WAR of its own and the movable clock in lib/. */
  @Deployment
  static EnterpriseArchive ear() {
    File built = new File(System.getProperty("erp.ear", "../ear/target/erp-session.ear"));
    EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, built);
    WebArchive tests =
        ShrinkWrap.create(WebArchive.class, "core-test.war")
            .addClasses(SessionCoreIT.class, MemoryStorage.class, ContextReader.class)
            .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
            // Undertow's classes, for the guard of the session decorator below; Infinispan's, to
            // look into the second-level cache.
            .setManifest(
                new StringAsset(
                    "Dependencies: io.undertow.core, io.undertow.servlet, org.infinispan.core\n"));
    JavaArchive clock =
        ShrinkWrap.create(JavaArchive.class, "movable-clock.jar")
            .addClass(MovableClock.class)
            .addAsManifestResource(new StringAsset(BEANS_XML), "beans.xml");
    String application = readApplicationXml(ear);
    ear.delete("META-INF/application.xml");
    ear.setApplicationXML(
        new StringAsset(
            application.replace(
                "</application>",
                "<module><web><web-uri>core-test.war</web-uri>"
                    + "<context-root>/core-test</context-root></web></module></application>")));
    // The EAR has other WARs: this one is where the tests run.
    return ear.addAsModule(Testable.archiveToTest(tests)).addAsLibrary(clock);
  }

  @Inject private SessionService sessions;
  @Inject private UserDirectory users;
  @Inject private DeviceRegistry devices;
  @Inject private DeviceSweeper sweeper;
  @Inject private ApiKeys apiKeys;
  @Inject private ErpConfig config;
  @Inject private MovableClock time;
  @Inject private Clock clock;
  @Inject private CurrentSession current;
  @Inject private ErpSession erpSession;
  @Inject private ErpContext erpContext;
  @Inject private ContextReader reader;

  @AfterEach
  void realTimeAgain() {
    time.reset();
  }

  /**
   * WildFly 39 hands a request its session inside a decorator that ignores a close before the
   * answer; SessionStoreBeforeAnswer closes the session beneath it, so that a write is stored
   * before it is acknowledged. A WildFly whose decorator is named or built otherwise would bring
   * back, silently, the store after the answer (and the lost sign-ins it caused): this fails
   * first, naming the class to look at.
   */
  @Test
  void theSessionBeneathWildFlysDeferringDecoratorIsReachedToStoreItBeforeTheAnswer() {
    ServletRequestContext request = ServletRequestContext.current(); // Arquillian's request
    HttpSessionImpl httpSession =
        request.getCurrentServletContext().getSession(request.getExchange(), true);
    try {
      io.undertow.server.session.Session given = httpSession.getSession();
      assertEquals(SessionStoreBeforeAnswer.DEFERRING_DECORATOR, given.getClass().getName());
      io.undertow.server.session.Session beneath = SessionStoreBeforeAnswer.undecorated(given);
      assertNotSame(given, beneath, "the decorator's session was reached");
      assertEquals(given.getId(), beneath.getId());
    } finally {
      httpSession.invalidate();
    }
  }

  @Test
  void theServiceReadsTheMovableClock() {
    time.advance(Duration.ofDays(3));
    assertTrue(clock.instant().isAfter(java.time.Instant.now().plus(Duration.ofDays(2))));
  }

  @Test
  void aSignedInSessionIsValidWithTheUsersCompaniesFirstOneCurrent() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    ActiveSession signedIn = sessions.signIn(storage, user.login(), PASSWORD, CLIENT);
    assertEquals(user.uid(), signedIn.uid());
    assertEquals(List.of(1, 2), signedIn.state().activeCompanyIds());
    ActiveSession valid = sessions.validate(storage).orElseThrow();
    assertEquals(signedIn.state().deviceId(), valid.state().deviceId());
  }

  /**
   * A new entity with an id the application chose (an API key here; companies alike) is
   * persisted without a look into Hibernate's second-level cache for its id. Infinispan kept each
   * such miss for a minute as a pending load holding the closed Hibernate session: about 2 KiB of
   * heap per sign-in while devices were cached too (bench/README.md, capacity).
   */
  @Test
  void aNewApiKeyLeavesNoPendingSecondLevelCacheLoadBehind() throws NamingException {
    UserView user = createUser();
    String key =
        apiKeys.create(user.uid(), "pending", clock.instant().plus(Duration.ofDays(1))).view().id();
    EmbeddedCacheManager hibernateCaches =
        InitialContext.doLookup("java:jboss/infinispan/container/hibernate");
    String pendingLoadsOfKeys =
        hibernateCaches.getCacheNames().stream()
            .filter(name -> name.endsWith(ApiKey.class.getName() + "-pending-puts"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no pending-puts cache of the ApiKey region"));
    List<String> ofThisKey =
        hibernateCaches.getCache(pendingLoadsOfKeys).keySet().stream()
            .map(String::valueOf)
            .filter(pending -> pending.endsWith("#" + key))
            .toList();
    assertEquals(List.of(), ofThisKey);
  }

  @Test
  void aSessionIdleForItsIdleTimeoutEndsAtItsNextRequestAsExpired() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    String device = sessions.signIn(storage, user.login(), PASSWORD, CLIENT).state().deviceId();
    // The clock is the real one moved forward: a margin for the real time the calls take.
    time.advance(config.idleTimeout().minusSeconds(30));
    assertTrue(sessions.validate(storage).isPresent(), "just before the idle deadline");
    time.advance(Duration.ofSeconds(30));
    assertEquals(Optional.empty(), sessions.validate(storage));
    assertFalse(storage.exists(), "the expired session was invalidated");
    assertEquals(EndReason.EXPIRED, storage.endedAs());
    assertTrue(
        devices.list(user.uid(), null).stream().map(DeviceView::id).noneMatch(device::equals),
        "its device is closed");
  }

  /**
   * A session that expired where no listener saw it end (its node died, or WildFly cut its
   * expiration short) is ended by the once-a-minute sweep: its device closes, its data goes.
   */
  @Test
  void theSweepEndsASessionThatExpiredUnseenAndDropsItsCustomData() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    ActiveSession active = sessions.signIn(storage, user.login(), PASSWORD, CLIENT);
    String device = active.state().deviceId();
    sessions.putData(active, "wizard", "{\"step\":3}");
    time.advance(config.idleTimeout().plus(config.deviceActivityResolution()).plusMinutes(1));
    sweeper.sweep();
    assertTrue(
        devices.list(user.uid(), null).stream().map(DeviceView::id).noneMatch(device::equals),
        "its device is closed");
    assertEquals(java.util.Map.of(), sessions.data(active), "its custom data is gone");
  }

  @Test
  void activityMovesTheIdleDeadlineButNeverTheAbsoluteOne() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    sessions.signIn(storage, user.login(), PASSWORD, CLIENT);
    Duration step = config.idleTimeout().multipliedBy(4).dividedBy(5);
    Duration elapsed = Duration.ZERO;
    while (elapsed.plus(step).compareTo(config.absoluteTimeout()) < 0) {
      time.advance(step);
      elapsed = elapsed.plus(step);
      ActiveSession valid = sessions.validate(storage).orElseThrow(AssertionError::new);
      sessions.recordActivity(storage, valid);
    }
    time.advance(config.absoluteTimeout().minus(elapsed));
    assertEquals(Optional.empty(), sessions.validate(storage), "active, but past its absolute deadline");
  }

  @Test
  void aPasswordChangeRotatesTheIdAndCsrfTokenAndEndsTheUsersOtherSessions() {
    UserView user = createUser();
    MemoryStorage here = new MemoryStorage(sessions);
    MemoryStorage elsewhere = new MemoryStorage(sessions);
    ActiveSession active = sessions.signIn(here, user.login(), PASSWORD, CLIENT);
    sessions.signIn(elsewhere, user.login(), PASSWORD, CLIENT);
    String idBefore = here.id();
    ActiveSession changed =
        sessions.changePassword(here, active, PASSWORD, "another long password", CLIENT);
    assertNotEquals(idBefore, here.id());
    assertNotEquals(active.state().csrfToken(), changed.state().csrfToken());
    assertTrue(sessions.validate(here).isPresent(), "this session continues");
    assertEquals(Optional.empty(), sessions.validate(elsewhere), "the other one ended");
  }

  @Test
  void aCompanyOutsideTheUsersIsRefusedAndChangesNothing() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    ActiveSession active = sessions.signIn(storage, user.login(), PASSWORD, CLIENT);
    ErpException refused =
        assertThrows(ErpException.class, () -> sessions.selectCompanies(storage, active, List.of(3)));
    assertEquals(ErrorCode.COMPANY_NOT_ALLOWED, refused.code());
    assertEquals(List.of(1, 2), sessions.validate(storage).orElseThrow().state().activeCompanyIds());
    ActiveSession switched = sessions.selectCompanies(storage, active, List.of(2, 1));
    assertEquals(List.of(2, 1), sessions.validate(storage).orElseThrow().state().activeCompanyIds());
    assertEquals(List.of(2, 1), switched.state().activeCompanyIds());
  }

  @Test
  void theModuleSessionNamesTheCallerAndKeepsDataByTheRulesOfTheHttpApi() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    ActiveSession active = sessions.signIn(storage, user.login(), PASSWORD, CLIENT);
    bind(storage, "POST", active.state().csrfToken());
    assertEquals(AuthStatus.SIGNED_IN, erpSession.authStatus());
    assertEquals(user.uid(), erpSession.uid());
    assertEquals(user.login(), erpSession.login());
    assertEquals(List.of(1, 2), erpSession.allowedCompanyIds());
    assertEquals(1, erpSession.currentCompanyId());

    erpSession.put("sales.step", Json.createValue(2));
    erpSession.put("sales.draft", Json.createObjectBuilder().add("customer", "Azure").build());
    assertEquals(Set.of("sales.draft", "sales.step"), erpSession.keys());
    assertEquals(Json.createValue(2), erpSession.get("sales.step").orElseThrow());
    assertEquals(
        java.util.Map.of("sales.draft", "{\"customer\":\"Azure\"}", "sales.step", "2"),
        sessions.data(active),
        "what the HTTP API's /api/session/data reads");

    assertRefused(ErrorCode.SENSITIVE_KEY, () -> erpSession.put("api_password", Json.createValue("x")));
    assertRefused(ErrorCode.INVALID_KEY, () -> erpSession.put("no spaces", Json.createValue(1)));
    String large = "x".repeat(config.dataMaxValueBytes());
    assertRefused(ErrorCode.VALUE_TOO_LARGE, () -> erpSession.put("big", Json.createValue(large)));
    assertEquals(Set.of("sales.draft", "sales.step"), erpSession.keys(), "refusals changed nothing");

    erpSession.remove("sales.step");
    assertEquals(Set.of("sales.draft"), erpSession.keys());
    sessions.signOut(storage, active);
    assertEquals(java.util.Map.of(), sessions.data(active), "signing out drops the data");
  }

  @Test
  void theModuleContextIsTheUsersAndWithReturnsANewOneThatIsNeverStored() {
    UserView user = createUser();
    MemoryStorage storage = new MemoryStorage(sessions);
    ActiveSession active = sessions.signIn(storage, user.login(), PASSWORD, CLIENT);
    bind(storage, "GET", null);
    assertEquals("en_US", erpContext.lang());
    assertEquals("Europe/Brussels", erpContext.tz());
    assertEquals(user.uid(), erpContext.uid());
    assertEquals(List.of(1, 2), erpContext.allowedCompanyIds());

    ErpContext french = erpContext.withLang("fr_FR").withCompanies(List.of(2));
    assertEquals("fr_FR", french.lang());
    assertEquals(List.of(2), french.allowedCompanyIds());
    assertEquals(2, french.currentCompanyId());
    assertEquals("en_US", erpContext.lang(), "the request's context is unchanged");
    assertEquals("en_US", users.get(user.uid()).lang(), "nothing was stored");
    assertEquals(List.of(1, 2), sessions.validate(storage).orElseThrow().state().activeCompanyIds());

    assertEquals("en_US/" + user.uid(), reader.langAndUid(), "an EJB of the request sees the same");

    assertRefused(ErrorCode.INVALID_LANG, () -> erpContext.withLang("xx_XX"));
    assertRefused(ErrorCode.INVALID_TZ, () -> erpContext.withTz("Mars/Olympus"));
    assertRefused(ErrorCode.COMPANY_NOT_ALLOWED, () -> erpContext.withCompanies(List.of(3)));
    sessions.signOut(storage, active);
  }

  @Test
  void withoutAValidSessionTheModuleSessionIsAnonymousAndRefusesTheRest() {
    bind(new MemoryStorage(sessions), "GET", null);
    assertEquals(AuthStatus.ANONYMOUS, erpSession.authStatus());
    assertRefused(ErrorCode.NOT_AUTHENTICATED, erpSession::uid);
    assertRefused(ErrorCode.NOT_AUTHENTICATED, () -> erpSession.put("a", Json.createValue(1)));
  }

  private void bind(MemoryStorage storage, String method, String csrfToken) {
    current.attach(storage, method, csrfToken);
    current.check(sessions);
  }

  private UserView createUser() {
    String login = "core-" + UUID.randomUUID().toString().substring(0, 8);
    return users.create(
        new NewUser(login, PASSWORD, "Core test", false, List.of(1, 2), "en_US", "Europe/Brussels"));
  }

  private static void assertRefused(ErrorCode code, Runnable call) {
    ErpException refused = assertThrows(ErpException.class, call::run);
    assertEquals(code, refused.code(), refused.getMessage());
  }

  private static String readApplicationXml(EnterpriseArchive ear) {
    try (var in = ear.get("META-INF/application.xml").getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
