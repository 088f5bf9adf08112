package org.erp.sessions.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.wildfly.clustering.marshalling.ByteBufferMarshalledKey;

class SessionStoreKeyMapperTest {

  private final SessionStoreKeyMapper mapper = new SessionStoreKeyMapper();

  @Test
  void aMarshalledKeyComesBackEqualWithItsHash() {
    byte[] bytes = "handle/wizard".getBytes(StandardCharsets.UTF_8);
    var key = new ByteBufferMarshalledKey<String>(ByteBuffer.wrap(bytes), "handle/wizard".hashCode());

    String name = mapper.getStringMapping(key);
    Object back = mapper.getKeyMapping(name);

    assertTrue(mapper.isSupportedType(ByteBufferMarshalledKey.class));
    assertTrue(name.startsWith("~"), name);
    assertEquals(key, back);
    assertEquals(key.hashCode(), back.hashCode());
  }

  @Test
  void aNegativeHashSurvivesTheName() {
    var key = new ByteBufferMarshalledKey<String>(ByteBuffer.wrap(new byte[] {1, 2, 3}), -42);

    assertEquals(-42, mapper.getKeyMapping(mapper.getStringMapping(key)).hashCode());
  }

  @Test
  void keysWildFlyKnowsAreNamedByWildFly() {
    assertTrue(mapper.isSupportedType(String.class));
    assertEquals("text", mapper.getKeyMapping(mapper.getStringMapping("text")));
  }
}
