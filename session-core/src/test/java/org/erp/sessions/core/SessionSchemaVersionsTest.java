package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;
import org.junit.jupiter.api.Test;

/**
 * Sessions stored by an earlier version are read by the current code: an upgrade signs nobody
 * out. The fixtures in {@code schema/} hold session values as earlier versions of the service
 * wrote them, in the format the session store keeps (JBoss Marshalling River, the server's
 * library and version, read here with the server's configuration and this project's
 * externalizers registered) and in the ProtoStream schema kept for the way back (SessionSchema):
 * version 1 (2026-12-02, Java serialization's form), version 2 (2026-12-07,
 * SessionStateExternalizer's format 1) and version 3 (2026-12-08, PendingSecondFactorExternalizer's
 * format 1). They are never regenerated: a change to the session values
 * adds the next version's fixtures and keeps these, and the evolution rules in SessionState make
 * these tests keep passing.
 */
class SessionSchemaVersionsTest {

  private static final Instant CREATED = Instant.parse("2026-12-02T10:15:30.123Z");

  @Test
  void aSessionStateStoredByVersion1IsReadWithEveryField() throws Exception {
    assertState((SessionState) river("session-state-v1.river.hex"), "csrf-token-of-version-1");
  }

  @Test
  void aSessionStateStoredByVersion2ThroughItsExternalizerIsReadWithEveryField() throws Exception {
    assertState((SessionState) river("session-state-v2.river.hex"), "csrf-token-of-version-2");
  }

  @Test
  void aPendingSecondFactorStoredByVersion1IsRead() throws Exception {
    PendingSecondFactor pending = (PendingSecondFactor) river("pending-second-factor-v1.river.hex");
    assertEquals(7, pending.uid());
    assertEquals("demo", pending.login());
    assertEquals(Instant.parse("2026-12-02T10:20:30Z"), pending.expiresAt());
  }

  @Test
  void aPendingSecondFactorStoredByVersion3ThroughItsExternalizerIsRead() throws Exception {
    PendingSecondFactor pending = (PendingSecondFactor) river("pending-second-factor-v3.river.hex");
    assertEquals(7, pending.uid());
    assertEquals("demo", pending.login());
    assertEquals(Instant.parse("2026-12-08T10:20:30Z"), pending.expiresAt());
  }

  @Test
  void aSessionStateInVersion1sProtoStreamSchemaIsReadWithEveryField() throws Exception {
    SerializationContext context = ProtobufUtil.newSerializationContext();
    for (SerializationContextInitializer initializer :
        ServiceLoader.load(SerializationContextInitializer.class)) {
      initializer.register(context);
    }
    assertState(
        ProtobufUtil.fromWrappedByteArray(context, fixture("session-state-v1.protostream.hex")),
        "csrf-token-of-version-1");
  }

  private static void assertState(SessionState state, String csrfToken) {
    assertEquals(7, state.uid());
    assertEquals(List.of(3, 1), state.activeCompanyIds());
    assertEquals("stamp-123", state.securityStamp());
    assertEquals(CREATED, state.createdAt());
    assertEquals(CREATED.plus(Duration.ofHours(12)), state.absoluteExpiresAt());
    assertEquals(Duration.ofMinutes(30), state.idleTimeout());
    assertEquals(csrfToken, state.csrfToken());
    assertEquals("device-abc", state.deviceId());
  }

  private static Object river(String name) throws Exception {
    return ServerSessionMarshalling.asDeployed().read(fixture(name));
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = SessionSchemaVersionsTest.class.getResourceAsStream("/schema/" + name)) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
  }
}
