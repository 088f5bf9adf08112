package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
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
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.junit.jupiter.api.Test;

/**
 * Sessions stored by an earlier version are read by the current code: an upgrade signs nobody
 * out. The fixtures in {@code schema/} hold session values as version 1 of the service wrote them
 * (2026-12-02), in the format the session store keeps (JBoss Marshalling River, the server's
 * library and version) and in the ProtoStream schema kept for the way back (SessionSchema). They
 * are never regenerated: a change to the session values adds the next version's fixtures and keeps
 * these, and the evolution rules in SessionState make these tests keep passing.
 */
class SessionSchemaVersionsTest {

  private static final Instant CREATED = Instant.parse("2026-12-02T10:15:30.123Z");

  @Test
  void aSessionStateStoredByVersion1IsReadWithEveryField() throws Exception {
    assertVersion1State((SessionState) river("session-state-v1.river.hex"));
  }

  @Test
  void aPendingSecondFactorStoredByVersion1IsRead() throws Exception {
    PendingSecondFactor pending = (PendingSecondFactor) river("pending-second-factor-v1.river.hex");
    assertEquals(7, pending.uid());
    assertEquals("demo", pending.login());
    assertEquals(Instant.parse("2026-12-02T10:20:30Z"), pending.expiresAt());
  }

  @Test
  void aSessionStateInVersion1sProtoStreamSchemaIsReadWithEveryField() throws Exception {
    SerializationContext context = ProtobufUtil.newSerializationContext();
    for (SerializationContextInitializer initializer :
        ServiceLoader.load(SerializationContextInitializer.class)) {
      initializer.register(context);
    }
    assertVersion1State(ProtobufUtil.fromWrappedByteArray(context, fixture("session-state-v1.protostream.hex")));
  }

  private static void assertVersion1State(SessionState state) {
    assertEquals(7, state.uid());
    assertEquals(List.of(3, 1), state.activeCompanyIds());
    assertEquals("stamp-123", state.securityStamp());
    assertEquals(CREATED, state.createdAt());
    assertEquals(CREATED.plus(Duration.ofHours(12)), state.absoluteExpiresAt());
    assertEquals(Duration.ofMinutes(30), state.idleTimeout());
    assertEquals("csrf-token-of-version-1", state.csrfToken());
    assertEquals("device-abc", state.deviceId());
  }

  private static Object river(String name) throws Exception {
    Unmarshaller unmarshaller =
        new RiverMarshallerFactory().createUnmarshaller(new MarshallingConfiguration());
    unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(fixture(name))));
    Object value = unmarshaller.readObject();
    unmarshaller.finish();
    return value;
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = SessionSchemaVersionsTest.class.getResourceAsStream("/schema/" + name)) {
      return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
  }
}
