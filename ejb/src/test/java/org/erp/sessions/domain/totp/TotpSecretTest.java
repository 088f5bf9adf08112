package org.erp.sessions.domain.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpSecretTest {

  @Test
  void base32IsRfc4648sWithoutPadding() {
    assertEquals("", Base32.encode(new byte[0]));
    assertEquals("MY", Base32.encode(bytes("f")));
    assertEquals("MZXQ", Base32.encode(bytes("fo")));
    assertEquals("MZXW6", Base32.encode(bytes("foo")));
    assertEquals("MZXW6YQ", Base32.encode(bytes("foob")));
    assertEquals("MZXW6YTB", Base32.encode(bytes("fooba")));
    assertEquals("MZXW6YTBOI", Base32.encode(bytes("foobar")));
  }

  @Test
  void theOtpauthUriNamesIssuerAccountAndTheRfc6238Parameters() {
    TotpSecret secret = new TotpSecret(bytes("12345678901234567890"));
    assertEquals(
        "otpauth://totp/ERP:demo%20user?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ERP"
            + "&algorithm=SHA1&digits=6&period=30",
        secret.otpauthUri("ERP", "demo user"));
    assertFalse(secret.toString().contains("GEZD"));
  }

  @Test
  void aSecretEncryptedForOneUserDecryptsOnlyForThatUserWithTheSameKey() {
    byte[] key = new byte[32];
    key[0] = 7;
    SecretCipher cipher = new SecretCipher(key);
    TotpSecret secret = TotpSecret.random();
    String stored = cipher.encrypt(secret, 42);
    assertFalse(stored.contains(secret.base32()));
    assertNotEquals(stored, cipher.encrypt(secret, 42), "a fresh nonce each time");
    assertEquals(secret, cipher.decrypt(stored, 42));
    assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, 43));
    assertThrows(IllegalStateException.class, () -> new SecretCipher(new byte[32]).decrypt(stored, 42));
  }

  @Test
  void theQrCodeIsAnSvgDrawnHere() {
    String svg = QrCodeSvg.of("otpauth://totp/ERP:demo?secret=MZXW6YTBOI&issuer=ERP");
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertTrue(svg.contains("<path"));
    assertFalse(svg.contains("http://") && svg.replace("http://www.w3.org/2000/svg", "").contains("http"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
