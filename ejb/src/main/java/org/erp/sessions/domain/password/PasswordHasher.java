package org.erp.sessions.domain.password;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Hashes passwords with Argon2id and verifies both our own hashes and those imported from Odoo.
 *
 * <p>New hashes use the PHC string format {@code $argon2id$v=19$m=..,t=..,p=1$salt$hash} (standard
 * base64 without padding), so the cost is stored with each hash and can be raised later. Odoo's
 * passlib format {@code $pbkdf2-sha512$rounds$salt$hash} (passlib's "adapted" base64: {@code .}
 * instead of {@code +}, no padding) is accepted as is; {@link #needsRehash} tells the caller to
 * replace it with Argon2id after the next successful login.
 */
public final class PasswordHasher {

  private static final Pattern ARGON2ID =
      Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
  private static final Pattern ODOO_PBKDF2 =
      Pattern.compile("^\\$pbkdf2-sha512\\$(\\d{1,9})\\$([A-Za-z0-9./]+)\\$([A-Za-z0-9./]+)$");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int PARALLELISM = 1;
  /** Refuses absurd costs from a corrupted hash instead of burning CPU or memory on them. */
  private static final int MAX_MEMORY_KIB = 1024 * 1024;

  private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

  /** Odoo hashes imported with fewer rounds are too cheap to crack; more would stall logins. */
  public static final int MIN_IMPORTED_PBKDF2_ROUNDS = 100_000;

  public static final int MAX_IMPORTED_PBKDF2_ROUNDS = 2_000_000;

  /** Salt of the decoy work, whose result is thrown away. */
  private static final byte[] DECOY_SALT = "erp decoy salt..".getBytes(StandardCharsets.US_ASCII);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final int memoryKib;
  private final int iterations;
  private final boolean nativeArgon2;

  /**
   * @param memoryKib Argon2id memory cost in KiB (OWASP: 19456)
   * @param iterations Argon2id time cost (OWASP: 2)
   */
  public PasswordHasher(int memoryKib, int iterations) {
    this(memoryKib, iterations, true);
  }

  /**
   * @param nativeArgon2 false to always use the Java Argon2id (on the heap) even where the
   *     reference C implementation loads
   */
  public PasswordHasher(int memoryKib, int iterations, boolean nativeArgon2) {
    if (memoryKib < 8 || memoryKib > MAX_MEMORY_KIB || iterations < 1) {
      throw new IllegalArgumentException("Argon2id cost out of range.");
    }
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.nativeArgon2 = nativeArgon2;
  }

  /** A new salted Argon2id hash of the password, in PHC string format. */
  public String hash(String password) {
    Objects.requireNonNull(password, "Password is required.");
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2(password, salt, memoryKib, iterations, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether the password matches the stored hash; false for any hash this class cannot read. */
  public boolean verify(String password, String storedHash) {
    if (password == null || storedHash == null) {
      return false;
    }
    Matcher argon = ARGON2ID.matcher(storedHash);
    if (argon.matches()) {
      int memory = Integer.parseInt(argon.group(1));
      int time = Integer.parseInt(argon.group(2));
      int lanes = Integer.parseInt(argon.group(3));
      if (memory < 8 || memory > MAX_MEMORY_KIB || time < 1 || lanes < 1) {
        return false;
      }
      byte[] salt = B64_DECODER.decode(argon.group(4));
      byte[] expected = B64_DECODER.decode(argon.group(5));
      byte[] actual = argon2(password, salt, memory, time, lanes, expected.length);
      return MessageDigest.isEqual(expected, actual);
    }
    Matcher odoo = ODOO_PBKDF2.matcher(storedHash);
    if (odoo.matches()) {
      int rounds = Integer.parseInt(odoo.group(1));
      if (rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) {
        return false;
      }
      byte[] salt = adaptedBase64Decode(odoo.group(2));
      byte[] expected = adaptedBase64Decode(odoo.group(3));
      byte[] actual = pbkdf2Sha512(password, salt, rounds, expected.length);
      return MessageDigest.isEqual(expected, actual);
    }
    return false;
  }

  /**
   * The hashing one verification runs: Argon2id passes at a memory cost (0 KiB: none) and PBKDF2
   * rounds. What {@link #verifyAtEqualCost} evens out, and what its tests compare.
   */
  public record Work(int argon2MemoryKib, int argon2Iterations, int pbkdf2Rounds) {

    Work plus(Work other) {
      boolean both = argon2MemoryKib > 0 && other.argon2MemoryKib > 0;
      if (both) {
        throw new IllegalArgumentException("One Argon2id per verification.");
      }
      return new Work(
          argon2MemoryKib + other.argon2MemoryKib,
          argon2Iterations + other.argon2Iterations,
          pbkdf2Rounds + other.pbkdf2Rounds);
    }
  }

  /**
   * Verifies like {@link #verify}, but always does the same work ({@link #equalCost}): one
   * Argon2id at this hasher's cost plus {@code pbkdf2Rounds} rounds of PBKDF2-SHA512, whatever the
   * stored hash is, and also without one (an unknown login, {@code storedHash} null). Where a
   * real hash costs less, decoy work of the same kind makes up the difference ({@link
   * #decoyWork}), so the time of a failed login tells nothing about whether the login exists or
   * how its password was stored. {@code pbkdf2Rounds} is the highest round count among stored
   * Odoo hashes (0 when there are none). The one exception: an Argon2id hash of another cost
   * (stored before the cost changed) costs what it costs; it is rehashed at its next good login.
   */
  public boolean verifyAtEqualCost(String password, String storedHash, int pbkdf2Rounds) {
    boolean matches = verify(password, storedHash);
    // Without a password verify() computes nothing: then all of the work is decoy.
    Work decoy = decoyWork(password == null ? null : storedHash, pbkdf2Rounds);
    String secret = password == null ? "" : password;
    if (decoy.argon2MemoryKib() > 0) {
      argon2(secret, DECOY_SALT, decoy.argon2MemoryKib(), decoy.argon2Iterations(), PARALLELISM, HASH_BYTES);
    }
    if (decoy.pbkdf2Rounds() > 0) {
      pbkdf2Sha512(secret, DECOY_SALT, decoy.pbkdf2Rounds(), 64);
    }
    return matches;
  }

  /** What every {@link #verifyAtEqualCost} runs, real and decoy work together. */
  public Work equalCost(int pbkdf2Rounds) {
    return new Work(memoryKib, iterations, pbkdf2Rounds);
  }

  /** The hashing {@link #verify} runs for this stored hash (none for null or unreadable ones). */
  public static Work verificationWork(String storedHash) {
    Matcher argon = ARGON2ID.matcher(storedHash == null ? "" : storedHash);
    if (argon.matches()) {
      int memory = Integer.parseInt(argon.group(1));
      int time = Integer.parseInt(argon.group(2));
      int lanes = Integer.parseInt(argon.group(3));
      boolean runs = memory >= 8 && memory <= MAX_MEMORY_KIB && time >= 1 && lanes >= 1;
      return runs ? new Work(memory, time, 0) : new Work(0, 0, 0);
    }
    return new Work(0, 0, pbkdf2Rounds(storedHash));
  }

  /** The decoy work that brings a verification of this stored hash up to {@link #equalCost}. */
  public Work decoyWork(String storedHash, int pbkdf2Rounds) {
    Work real = verificationWork(storedHash);
    boolean argon2Missing = real.argon2MemoryKib() == 0;
    return new Work(
        argon2Missing ? memoryKib : 0,
        argon2Missing ? iterations : 0,
        Math.max(0, pbkdf2Rounds - real.pbkdf2Rounds()));
  }

  /** The rounds of an Odoo PBKDF2 hash, or 0 for any other hash. */
  public static int pbkdf2Rounds(String storedHash) {
    Matcher odoo = ODOO_PBKDF2.matcher(storedHash == null ? "" : storedHash);
    if (!odoo.matches()) {
      return 0;
    }
    int rounds = Integer.parseInt(odoo.group(1));
    return rounds <= MAX_PBKDF2_ROUNDS ? rounds : 0;
  }

  /**
   * Why a hash brought in from elsewhere cannot be stored as is, or empty when it can: an Argon2id
   * hash in PHC format, or an Odoo {@code $pbkdf2-sha512$} hash with 100,000 to 2,000,000 rounds.
   */
  public static Optional<String> importProblem(String storedHash) {
    if (storedHash == null) {
      return Optional.of("password_hash is required.");
    }
    Matcher argon = ARGON2ID.matcher(storedHash);
    if (argon.matches()) {
      int memory = Integer.parseInt(argon.group(1));
      int time = Integer.parseInt(argon.group(2));
      int lanes = Integer.parseInt(argon.group(3));
      return memory >= 8 && memory <= MAX_MEMORY_KIB && time >= 1 && time <= 100 && lanes == 1
          ? Optional.empty()
          : Optional.of("password_hash: an Argon2id cost out of range (m 8 to "
              + MAX_MEMORY_KIB + " KiB, t 1 to 100, p=1).");
    }
    Matcher odoo = ODOO_PBKDF2.matcher(storedHash);
    if (odoo.matches()) {
      long rounds = Long.parseLong(odoo.group(1));
      if (rounds < MIN_IMPORTED_PBKDF2_ROUNDS || rounds > MAX_IMPORTED_PBKDF2_ROUNDS) {
        return Optional.of(
            "password_hash: Odoo hashes are imported with 100000 to 2000000 PBKDF2 rounds; this one"
                + " has " + rounds + ". Reset the user's password instead.");
      }
      return Optional.empty();
    }
    return Optional.of(
        "password_hash: expected Odoo's $pbkdf2-sha512$<rounds>$<salt>$<hash> or a PHC $argon2id$"
            + " hash.");
  }

  /** True when the hash is not Argon2id at this hasher's cost: rehash it after a good login. */
  public boolean needsRehash(String storedHash) {
    Matcher argon = ARGON2ID.matcher(storedHash == null ? "" : storedHash);
    return !argon.matches()
        || Integer.parseInt(argon.group(1)) != memoryKib
        || Integer.parseInt(argon.group(2)) != iterations;
  }

  private byte[] argon2(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    return nativeArgon2
        ? argon2id(password, salt, memoryKib, iterations, lanes, length)
        : argon2idInJava(
            password.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations, lanes, length);
  }

  /**
   * Argon2id itself: the reference C implementation (libargon2 through JNA, three to four times
   * faster than pure Java at OWASP's cost, so logins stay well under 100 ms) where it loads, and
   * Bouncy Castle's otherwise. Both give the same bytes ({@code PasswordHasherTest}).
   */
  static byte[] argon2id(
      String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    Argon2Advanced reference = NativeArgon2.INSTANCE;
    // JNA cannot hand an empty password to C (no zero-byte allocation): the Java one hashes it.
    if (reference != null && secret.length > 0) {
      return reference.rawHashAdvanced(
          iterations, memoryKib, lanes, secret, salt, null, null, length, Argon2Version.V13);
    }
    return argon2idInJava(secret, salt, memoryKib, iterations, lanes, length);
  }

  static byte[] argon2idInJava(
      byte[] secret, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(secret, out);
    return out;
  }

  /** The native Argon2, or null where its library does not load (another platform, noexec tmp). */
  static final class NativeArgon2 {
    static final Argon2Advanced INSTANCE = load();

    private static Argon2Advanced load() {
      try {
        Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
        argon2.rawHashAdvanced(1, 8, 1, new byte[1], new byte[16], null, null, 32, Argon2Version.V13);
        return argon2;
      } catch (RuntimeException | LinkageError unavailable) {
        java.util.logging.Logger.getLogger(PasswordHasher.class.getName())
            .warning("Native Argon2 unavailable, using the slower Java one: " + unavailable);
        return null;
      }
    }
  }

  static byte[] pbkdf2Sha512(String password, byte[] salt, int rounds, int length) {
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
    generator.init(password.getBytes(StandardCharsets.UTF_8), salt, rounds);
    return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
  }

  /** passlib's ab64: standard base64 with '.' for '+' and no padding. */
  static byte[] adaptedBase64Decode(String text) {
    return B64_DECODER.decode(text.replace('.', '+'));
  }

  static String adaptedBase64Encode(byte[] bytes) {
    return B64.encodeToString(bytes).replace('+', '.');
  }
}
