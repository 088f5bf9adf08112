package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A node's session marshaller writes a pending second factor as bare fields, and reads it back. */
class PendingSecondFactorExternalizerTest {

  private static final PendingSecondFactor PENDING =
      new PendingSecondFactor(7, "démo", Instant.parse("2026-12-08T10:20:30.123456789Z"));

  @Test
  void theServersMarshallerKeepsEveryFieldExactly() throws Exception {
    ServerSessionMarshalling node = ServerSessionMarshalling.asDeployed();

    byte[] bytes = node.write(PENDING);
    PendingSecondFactor copy = (PendingSecondFactor) node.read(bytes);

    assertNotSame(PENDING, copy);
    assertEquals(7, copy.uid());
    assertEquals("démo", copy.login());
    assertEquals(PENDING.expiresAt(), copy.expiresAt());
  }

  @Test
  void itIsWrittenAsBareFieldsInLessThanHalfOfItsSerializedForm() throws Exception {
    // Found through the ServiceLoader entry; without it, the value is in Java serialization's form.
    ServerSessionMarshalling.assertWrittenAsBareFields(PENDING, "expiresAt");
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
