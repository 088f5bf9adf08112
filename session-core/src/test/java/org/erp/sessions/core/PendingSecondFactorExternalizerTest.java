package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A node's session marshaller writes a pending second factor as bare fields, and reads it back. */
class PendingSecondFactorExternalizerTest {

  private static final PendingSecondFactor PENDING =
      new PendingSecondFactor(7, "démo", Instant.parse("2026-12-08T10:20:30.123456789Z"));

  @Test
  void theServersMarshallerFindsTheExternalizerAndKeepsEveryFieldExactly() throws Exception {
    ServerSessionMarshalling node = ServerSessionMarshalling.asDeployed();

    byte[] bytes = node.write(PENDING);
    PendingSecondFactor copy = (PendingSecondFactor) node.read(bytes);

    assertNotSame(PENDING, copy);
    assertEquals(7, copy.uid());
    assertEquals("démo", copy.login());
    assertEquals(PENDING.expiresAt(), copy.expiresAt());
    String written = new String(bytes, StandardCharsets.ISO_8859_1);
    assertFalse(written.contains("PendingSecondFactor"), "the class is described in the stream");
    assertFalse(written.contains("expiresAt"), "the fields are described in the stream");
  }

  @Test
  void thePendingStateIsLessThanHalfOfItsSerializedForm() throws Exception {
    int externalized = ServerSessionMarshalling.asDeployed().write(PENDING).length;
    int serialized = ServerSessionMarshalling.plain().write(PENDING).length;

    assertTrue(
        externalized * 2 < serialized,
        "externalized " + externalized + " bytes against " + serialized + " serialized");
  }

  @Test
  void aFormatThisVersionDoesNotKnowIsRefusedNotGuessed() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeByte(PendingSecondFactorExternalizer.FORMAT + 1);
      out.writeInt(7);
    }

    InvalidObjectException refused =
        assertThrows(
            InvalidObjectException.class,
            () ->
                new PendingSecondFactorExternalizer()
                    .readObject(new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    assertEquals("pending second factor in format 2, not 1", refused.getMessage());
  }
}
