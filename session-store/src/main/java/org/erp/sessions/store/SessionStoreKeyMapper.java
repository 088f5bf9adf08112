package org.erp.sessions.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.infinispan.persistence.keymappers.TwoWayKey2StringMapper;
import org.wildfly.clustering.marshalling.ByteBufferMarshalledKey;
import org.wildfly.clustering.session.infinispan.embedded.KeyMapper;

/**
 * Names the rows of the {@code web} cache container's JDBC stores (configure.cli): WildFly's own
 * session keys as WildFly names them, and the keys of the service's own caches ({@code
 * session-data}), which the container holds marshalled, as their bytes.
 *
 * <p>WildFly picks the first mapper its container's modules offer, so this one is listed before
 * WildFly's session module and hands every key it does not know to WildFly's mapper. A marshalled
 * key's name starts with {@code ~}, which WildFly's names (hexadecimal) never do.
 */
public class SessionStoreKeyMapper implements TwoWayKey2StringMapper {

  private static final char MARSHALLED = '~';

  private final TwoWayKey2StringMapper sessionKeys = new KeyMapper();

  @Override
  public boolean isSupportedType(Class<?> keyType) {
    return keyType == ByteBufferMarshalledKey.class || sessionKeys.isSupportedType(keyType);
  }

  @Override
  public String getStringMapping(Object key) {
    if (!(key instanceof ByteBufferMarshalledKey<?> marshalled)) {
      return sessionKeys.getStringMapping(key);
    }
    ByteBuffer buffer;
    try {
      buffer = marshalled.getBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    // The key's hash travels with it: the container places entries by the unmarshalled key's
    // hash, which a key rebuilt from its bytes alone would not have.
    return MARSHALLED
        + Integer.toHexString(marshalled.hashCode())
        + ':'
        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public Object getKeyMapping(String name) {
    if (name.isEmpty() || name.charAt(0) != MARSHALLED) {
      return sessionKeys.getKeyMapping(name);
    }
    int colon = name.indexOf(':');
    int hash = Integer.parseUnsignedInt(name.substring(1, colon), 16);
    byte[] bytes = Base64.getUrlDecoder().decode(name.substring(colon + 1));
    return new ByteBufferMarshalledKey<>(ByteBuffer.wrap(bytes), hash);
  }
}
