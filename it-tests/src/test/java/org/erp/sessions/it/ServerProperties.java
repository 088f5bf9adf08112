package org.erp.sessions.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Sets system properties on the running server through its management API, so a test can use a
 * short timeout or cooldown for the sessions it creates; {@link #restore} removes them again.
 */
public final class ServerProperties {

  private final ManagementClient management;
  private final List<String> added = new ArrayList<>();

  public ServerProperties(ManagementClient management) {
    this.management = management;
  }

  public ServerProperties set(String name, String value) {
    remove(name);
    ModelNode op = operation("add", name);
    op.get("value").set(value);
    execute(op);
    added.add(name);
    return this;
  }

  public void restore() {
    for (String name : added) {
      remove(name);
    }
    added.clear();
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
