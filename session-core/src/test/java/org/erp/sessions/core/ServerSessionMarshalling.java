package org.erp.sessions.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;
import org.junit.jupiter.api.Assertions;
import org.wildfly.clustering.marshalling.jboss.MarshallingConfigurationBuilder;
import org.wildfly.clustering.marshalling.jboss.externalizer.LegacyExternalizerConfiguratorFactory;

/**
 * Session attributes marshalled as a node of the service does: WildFly 39's configuration of JBoss
 * Marshalling for a distributable web deployment (its current version: the class tables, and the
 * externalizers found through the deployment's class loader), River as the server's format. The
 * class resolver is the plain one where the server's resolves through JBoss Modules.
 */
final class ServerSessionMarshalling {

  private static final RiverMarshallerFactory RIVER = new RiverMarshallerFactory();

  private final MarshallingConfiguration configuration;

  private ServerSessionMarshalling(MarshallingConfiguration configuration) {
    this.configuration = configuration;
  }

  /** The server's configuration, with what this project's jars register. */
  static ServerSessionMarshalling asDeployed() {
    ClassLoader loader = ServerSessionMarshalling.class.getClassLoader();
    MarshallingConfigurationBuilder builder =
        MarshallingConfigurationBuilder.newInstance(new SimpleClassResolver(loader)).load(loader);
    return new ServerSessionMarshalling(
        new LegacyExternalizerConfiguratorFactory(loader).apply(builder).build());
  }

  /** JBoss Marshalling with nothing registered: every value in Java serialization's form. */
  static ServerSessionMarshalling plain() {
    return new ServerSessionMarshalling(new MarshallingConfiguration());
  }

  /**
   * Asserts that the server's configuration writes {@code value} through its externalizer: the
   * class is a number in the server's class table, so neither its name nor {@code fieldName} is
   * in what is replicated and stored, and it takes less than half of Java serialization's form.
   */
  static void assertWrittenAsBareFields(Object value, String fieldName) throws IOException {
    byte[] externalized = asDeployed().write(value);
    String written = new String(externalized, StandardCharsets.ISO_8859_1);
    Assertions.assertFalse(
        written.contains(value.getClass().getSimpleName()), "the class is described in the stream");
    Assertions.assertFalse(written.contains(fieldName), "the fields are described in the stream");
    int serialized = plain().write(value).length;
    Assertions.assertTrue(
        externalized.length * 2 < serialized,
        "externalized " + externalized.length + " bytes against " + serialized + " serialized");
  }

  byte[] write(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Marshaller marshaller = RIVER.createMarshaller(configuration);
    marshaller.start(Marshalling.createByteOutput(bytes));
    marshaller.writeObject(value);
    marshaller.finish();
    return bytes.toByteArray();
  }

  Object read(byte[] bytes) throws IOException, ClassNotFoundException {
    Unmarshaller unmarshaller = RIVER.createUnmarshaller(configuration);
    unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes)));
    Object value = unmarshaller.readObject();
    unmarshaller.finish();
    return value;
  }
}
