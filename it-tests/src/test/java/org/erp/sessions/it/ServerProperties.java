package org.erp.sessions.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Sets system properties on the running server through its management API, so a test can use a
 * short timeout or cooldown for the sessions it creates; {@link #restore} puts back what the
 * server had before. Removing a management system property also clears the JVM's own value (from
 * a -D option, e.g. arquillian.xml's erp.login.cooldown-after), so that value is set again.
 */
public final class ServerProperties {

  private final ManagementClient management;
  /** Each property changed, with the JVM's value before the first change (empty: none). */
  private final Map<String, Optional<String>> previous = new LinkedHashMap<>();

  public ServerProperties(ManagementClient management) {
    this.management = management;
  }

  public ServerProperties set(String name, String value) {
    if (!previous.containsKey(name)) {
      previous.put(name, jvmValue(name));
    }
    remove(name);
    add(name, value);
    return this;
  }

  public void restore() {
    previous.forEach(
        (name, value) -> {
          remove(name);
          value.ifPresent(before -> add(name, before));
        });
    previous.clear();
  }

  private void add(String name, String value) {
    ModelNode op = operation("add", name);
    op.get("value").set(value);
    execute(op);
  }

  private Optional<String> jvmValue(String name) {
    ModelNode op = new ModelNode();
    op.get("operation").set("read-attribute");
    op.get("address").add("core-service", "platform-mbean").add("type", "runtime");
    op.get("name").set("system-properties");
    ModelNode result = run(op);
    if (!result.get("outcome").asString().equals("success")) {
      throw new IllegalStateException("Management operation failed: " + result);
    }
    ModelNode properties = result.get("result");
    return properties.hasDefined(name)
        ? Optional.of(properties.get(name).asString())
        : Optional.empty();
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
      return management.getControllerClient().execute(op);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
