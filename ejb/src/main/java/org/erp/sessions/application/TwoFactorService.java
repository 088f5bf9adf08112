package org.erp.sessions.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.erp.sessions.application.LoginThrottle.Reservation;
import org.erp.sessions.config.ErpConfig;
import org.erp.sessions.core.RandomTokens;
import org.erp.sessions.domain.device.UserAgents;
import org.erp.sessions.domain.error.ErpException;
import org.erp.sessions.domain.error.ErrorCode;
import org.erp.sessions.domain.totp.QrCodeSvg;
import org.erp.sessions.domain.totp.SecretCipher;
import org.erp.sessions.domain.totp.Totp;
import org.erp.sessions.domain.totp.TotpSecret;
import org.erp.sessions.domain.totp.TrustedDevice;
import org.erp.sessions.domain.totp.UserTotp;

/**
 * Two-factor authentication (API.md §14): enrolment, the code check at sign-in (counted by the
 * login cooldown, each code accepted once), disabling and the browsers remembered to skip the
 * code. Secrets are stored encrypted with {@code erp.totp.encryption-key}.
 */
@Stateless
public class TwoFactorService {

  private static final Logger LOG = Logger.getLogger(TwoFactorService.class.getName());
  private static final String ISSUER = "ERP";
  /**
   * Used when erp.totp.encryption-key is not set, so that a fresh checkout, scripts/run.sh and
   * the tests work out of the box (with erp.demo-data only); public, so worthless in production.
   */
  private static final byte[] DEVELOPMENT_KEY =
      sha256("erp-session development TOTP key: set erp.totp.encryption-key in production");

  @PersistenceContext private EntityManager em;
  @Inject private ErpConfig config;
  @Inject private Clock clock;
  @EJB private AuthenticationService authentication;
  @EJB private LoginThrottle throttle;

  /** What enrolment shows once: the secret as text, as an otpauth URI and as its QR code. */
  public record Enrolment(String secret, String otpauthUri, String qrSvg) {}

  /** A remembered browser, as its user sees it. */
  public record TrustedDeviceView(
      String id, boolean current, String browser, String platform, Instant createdAt, Instant expiresAt) {}

  public boolean enabled(int uid) {
    UserTotp totp = em.find(UserTotp.class, uid);
    return totp != null && totp.enabled();
  }

  /** A new secret, stored disabled until {@link #confirm}; replaces an unconfirmed one. */
  public Enrolment enrol(int uid, String login) {
    UserTotp existing = em.find(UserTotp.class, uid);
    if (existing != null && existing.enabled()) {
      throw new ErpException(
          ErrorCode.TOTP_ALREADY_ENABLED, "Two-factor authentication is on; disable it first.");
    }
    if (config.totpEncryptionKey().isEmpty() && !config.demoData()) {
      // Secure by default: outside a demo installation the public development key never
      // encrypts a real user's secret.
      throw new ErpException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "Two-factor authentication is not set up on this server: its administrator sets "
              + ErpConfig.TOTP_ENCRYPTION_KEY + " first.");
    }
    if (existing != null) {
      em.remove(existing);
      em.flush();
    }
    if (config.totpEncryptionKey().isEmpty()) {
      LOG.warning(
          "TOTP secrets are encrypted with the built-in development key: set "
              + ErpConfig.TOTP_ENCRYPTION_KEY + " in production (API.md §10).");
    }
    TotpSecret secret = TotpSecret.random();
    em.persist(new UserTotp(uid, cipher().encrypt(secret, uid), clock.instant()));
    String uri = secret.otpauthUri(ISSUER, login);
    return new Enrolment(secret.base32(), uri, QrCodeSvg.of(uri));
  }

  /** The first right code turns two-factor authentication on (its step counts as used). */
  public void confirm(int uid, String code) {
    UserTotp totp = em.find(UserTotp.class, uid);
    if (totp == null) {
      throw new ErpException(ErrorCode.NOT_FOUND, "Start the enrolment first (POST /api/me/totp).");
    }
    if (totp.enabled()) {
      throw new ErpException(ErrorCode.TOTP_ALREADY_ENABLED, "Two-factor authentication is already on.");
    }
    OptionalLong step = match(totp, code);
    if (step.isEmpty()) {
      throw new ErpException(ErrorCode.CODE_REFUSED, "The code is wrong; try the next one.");
    }
    totp.enable(step.getAsLong());
  }

  /** Turns it off: the secret and every remembered browser go. Whether it was on. */
  public boolean disable(int uid) {
    em.createNamedQuery("TrustedDevice.deleteOfUser").setParameter("uid", uid).executeUpdate();
    UserTotp totp = em.find(UserTotp.class, uid);
    if (totp == null) {
      return false;
    }
    em.remove(totp);
    return totp.enabled();
  }

  /**
   * Checks a sign-in code. It takes an attempt from the login cooldown first (429 when held
   * back), and gives it back only when right; a wrong code, or one of a step already used (a
   * replay, also by a concurrent request on another node), is {@code 401 invalid_code}.
   */
  public void verifySignIn(int uid, String login, String code, String clientAddress) {
    verify(uid, login, code, clientAddress, ErrorCode.INVALID_CODE);
  }

  /**
   * Checks a code given as the proof of an identity check (API.md §12): as at sign-in (cooldown,
   * once only), but a wrong code is {@code 422 invalid_code}: the session itself is fine.
   */
  public void verifyIdentity(int uid, String login, String code, String clientAddress) {
    verify(uid, login, code, clientAddress, ErrorCode.CODE_REFUSED);
  }

  private void verify(int uid, String login, String code, String clientAddress, ErrorCode wrong) {
    Reservation attempt = authentication.countAttempt(login, clientAddress);
    UserTotp totp = em.find(UserTotp.class, uid);
    OptionalLong step = totp == null || !totp.enabled() ? OptionalLong.empty() : match(totp, code);
    boolean used =
        step.isPresent()
            && em.createNamedQuery("UserTotp.useStep")
                    .setParameter("uid", uid)
                    .setParameter("step", step.getAsLong())
                    .executeUpdate()
                == 1;
    if (!used) {
      throw new ErpException(wrong, "The code is wrong or was already used.");
    }
    throttle.succeeded(attempt);
  }

  /** Remembers this browser for the user; returns the cookie's token (stored only hashed). */
  public String rememberDevice(int uid, String userAgent) {
    String token = RandomTokens.newToken(32);
    UserAgents.Parsed agent = UserAgents.parse(userAgent);
    Instant now = clock.instant();
    em.persist(
        new TrustedDevice(
            RandomTokens.newToken(16).substring(0, 22),
            uid,
            hash(token),
            cut(agent.browser()),
            cut(agent.platform()),
            now,
            now.plus(config.totpTrustedDeviceLifetime())));
    return token;
  }

  /** Whether the cookie's token is a remembered browser of this user, not expired nor revoked. */
  public boolean trusts(int uid, String token) {
    if (token == null || token.isEmpty() || token.length() > 128) {
      return false;
    }
    Instant now = clock.instant();
    return em.createNamedQuery("TrustedDevice.byTokenHash", TrustedDevice.class)
        .setParameter("hash", hash(token))
        .getResultStream()
        .anyMatch(device -> device.trusts(uid, now));
  }

  public List<TrustedDeviceView> trustedDevices(int uid, String currentToken) {
    String currentHash = currentToken == null ? "" : hash(currentToken);
    return em.createNamedQuery("TrustedDevice.ofUser", TrustedDevice.class)
        .setParameter("uid", uid)
        .setParameter("now", clock.instant())
        .getResultList()
        .stream()
        .map(d -> new TrustedDeviceView(
            d.id(), d.tokenHash().equals(currentHash), d.browser(), d.platform(), d.createdAt(),
            d.expiresAt()))
        .toList();
  }

  /** Forgets one remembered browser of the user; 404 when it is not theirs. */
  public void revokeTrustedDevice(int uid, String id) {
    TrustedDevice device = id == null ? null : em.find(TrustedDevice.class, id);
    if (device == null || device.userId() != uid) {
      throw new ErpException(ErrorCode.NOT_FOUND, "No such remembered browser.");
    }
    em.remove(device);
  }

  private OptionalLong match(UserTotp totp, String code) {
    TotpSecret secret = cipher().decrypt(totp.encryptedSecret(), totp.userId());
    return Totp.matchingStep(secret.bytes(), code, clock.instant(), totp.lastUsedStep());
  }

  private SecretCipher cipher() {
    return new SecretCipher(config.totpEncryptionKey().orElseGet(DEVELOPMENT_KEY::clone));
  }

  private static String cut(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64);
  }

  private static String hash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform.", e);
    }
  }
}
