package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A node's session marshaller writes the session state as bare fields, and reads them back. */
class SessionStateExternalizerTest {

  private static final SessionState STATE =
      SessionState.start(
              7,
              List.of(2, 1, 3),
              "stamp-123",
              Instant.parse("2026-12-07T10:15:30.123456789Z"),
              Instant.parse("2026-12-07T22:15:30.123456789Z"),
              Duration.ofSeconds(1800, 5),
              "device-abc")
          .withActiveCompanies(List.of(3, 1));

  @Test
  void theServersMarshallerKeepsEveryFieldExactly() throws Exception {
    ServerSessionMarshalling node = ServerSessionMarshalling.asDeployed();

    byte[] bytes = node.write(STATE);
    SessionState copy = (SessionState) node.read(bytes);

    assertNotSame(STATE, copy);
    assertEquals(7, copy.uid());
    assertEquals(List.of(3, 1), copy.activeCompanyIds());
    assertEquals("stamp-123", copy.securityStamp());
    assertEquals(STATE.createdAt(), copy.createdAt());
    assertEquals(STATE.absoluteExpiresAt(), copy.absoluteExpiresAt());
    assertEquals(STATE.idleTimeout(), copy.idleTimeout());
    assertEquals(STATE.csrfToken(), copy.csrfToken());
    assertEquals("device-abc", copy.deviceId());
  }

  @Test
  void itIsWrittenAsBareFieldsInLessThanHalfOfItsSerializedForm() throws Exception {
    // Found through the ServiceLoader entry; without it, the value is in Java serialization's form.
    ServerSessionMarshalling.assertWrittenAsBareFields(STATE, "csrfToken");
  }

  @Test
  void aFormatThisVersionDoesNotKnowIsRefusedNotGuessed() throws Exception {
    byte[] later = objectStream(SessionStateExternalizer.FORMAT + 1, 7);

    InvalidObjectException refused =
        assertThrows(
            InvalidObjectException.class,
            () -> new SessionStateExternalizer().readObject(objectInput(later)));
    assertEquals("session state in format 2, not 1", refused.getMessage());
  }

  @Test
  void aNegativeCompanyCountIsRefusedAsDamaged() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeByte(SessionStateExternalizer.FORMAT);
      out.writeInt(7);
      out.writeInt(-1);
    }

    assertThrows(
        InvalidObjectException.class,
        () -> new SessionStateExternalizer().readObject(objectInput(bytes.toByteArray())));
  }

  private static byte[] objectStream(int format, int uid) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeByte(format);
      out.writeInt(uid);
    }
    return bytes.toByteArray();
  }

  private static ObjectInputStream objectInput(byte[] bytes) throws Exception {
    return new ObjectInputStream(new ByteArrayInputStream(bytes));
  }
}
