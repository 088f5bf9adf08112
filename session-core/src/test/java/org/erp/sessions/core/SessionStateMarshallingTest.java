package org.erp.sessions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.infinispan.protostream.SerializationContextInitializer;
import org.junit.jupiter.api.Test;

/** The session state crosses the wire with the generated ProtoStream marshaller, nothing lost. */
class SessionStateMarshallingTest {

  @Test
  void theStateRoundTripsThroughProtoStream() throws Exception {
    SerializationContext context = ProtobufUtil.newSerializationContext();
    // Found exactly as WildFly finds it: through the ServiceLoader entry the processor wrote.
    for (SerializationContextInitializer initializer :
        ServiceLoader.load(SerializationContextInitializer.class)) {
      initializer.register(context);
    }
    SessionState state =
        SessionState.start(
                7,
                List.of(2, 1, 3),
                "stamp-123",
                Instant.parse("2026-11-27T10:15:30.123Z"),
                Instant.parse("2026-11-27T22:15:30.123Z"),
                Duration.ofMinutes(30),
                "device-abc")
            .withActiveCompanies(List.of(3, 1));

    byte[] bytes = ProtobufUtil.toWrappedByteArray(context, state);
    SessionState copy = ProtobufUtil.fromWrappedByteArray(context, bytes);

    assertNotSame(state, copy);
    assertEquals(7, copy.uid());
    assertEquals(List.of(3, 1), copy.activeCompanyIds());
    assertEquals("stamp-123", copy.securityStamp());
    assertEquals(state.createdAt(), copy.createdAt());
    assertEquals(state.absoluteExpiresAt(), copy.absoluteExpiresAt());
    assertEquals(Duration.ofMinutes(30), copy.idleTimeout());
    assertEquals(state.csrfToken(), copy.csrfToken());
    assertEquals("device-abc", copy.deviceId());
  }
}
