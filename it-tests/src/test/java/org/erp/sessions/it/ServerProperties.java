package org.erp.sessions.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * Sets system properties on the running server through its management API, so a test can use a
 * short timeout or cooldown for the sessions it creates; {@link #restore} puts back the values
 * the server had (also those given as -D options at start-up).
 */
public final class ServerProperties {

  private final ModelControllerClient management;
  private final Map<String, String> previous = new LinkedHashMap<>();

  public ServerProperties(ManagementClient management) {
    this(management.getControllerClient());
  }

  /** On a server that Arquillian does not manage for the test (a cluster node). */
  public ServerProperties(ModelControllerClient management) {
    this.management = management;
  }

  public ServerProperties set(String name, String value) {
    if (!previous.containsKey(name)) {
      previous.put(name, currentValue(name));
    }
    put(name, value);
    return this;
  }

  public void restore() {
    previous.forEach(
        (name, value) -> {
          if (value == null) {
            remove(name);
          } else {
            put(name, value);
          }
        });
    previous.clear();
  }

  private void put(String name, String value) {
    remove(name);
    ModelNode op = operation("add", name);
    op.get("value").set(value);
    execute(op);
  }

  /** The server JVM's value of the property, however it was set; null when unset. */
  private String currentValue(String name) {
    ModelNode op = new ModelNode();
    op.get("operation").set("read-attribute");
    op.get("address").add("core-service", "platform-mbean").add("type", "runtime");
    op.get("name").set("system-properties");
    ModelNode properties = run(op).get("result");
    return properties.has(name) ? properties.get(name).asString() : null;
  }

  private void remove(String name) {
    ModelNode read = operation("read-resource", name);
    if (run(read).get("outcome").asString().equals("success")) {
      execute(operation("remove", name));
    }
  }

  private static ModelNode operation(String operation, String name) {
    ModelNode op = new ModelNode();
    op.get("operation").set(operation);
    op.get("address").add("system-property", name);
    return op;
  }

  private void execute(ModelNode op) {
    ModelNode result = run(op);
    if (!result.get("outcome").asString().equals("success")) {
      throw new IllegalStateException("Management operation failed: " + result);
    }
  }

  private ModelNode run(ModelNode op) {
    try {
      return management.execute(op);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
