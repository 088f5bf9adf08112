package org.erp.sessions.domain.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest: AES-GCM with a random 96-bit nonce per value, the user id as
 * associated data (a ciphertext copied onto another user's row does not decrypt), stored as
 * base64 of nonce and ciphertext with its tag.
 */
public final class SecretCipher {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  /** {@code key}: 16, 24 or 32 bytes. */
  public SecretCipher(byte[] key) {
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("An AES key has 16, 24 or 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  public String encrypt(TotpSecret secret, int uid) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, uid, secret.bytes());
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  /** The secret; {@link IllegalStateException} for a value sealed with another key or user. */
  public TotpSecret decrypt(String stored, int uid) {
    byte[] all = Base64.getDecoder().decode(stored);
    byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
    return new TotpSecret(run(Cipher.DECRYPT_MODE, nonce, uid, sealed));
  }

  private byte[] run(int mode, byte[] nonce, int uid, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(("erp-totp-uid:" + uid).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // A wrong key (erp.totp.encryption-key changed) or a tampered value.
      throw new IllegalStateException("A TOTP secret could not be decrypted with the configured key");
    }
  }
}
