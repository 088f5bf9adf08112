package org.erp.sessions.store;

import java.util.Collection;
import java.util.List;
import org.infinispan.factories.impl.ModuleMetadataBuilder;
import org.infinispan.lifecycle.ModuleLifecycle;

/**
 * Declares this module to Infinispan (META-INF/services), which then calls {@link
 * EvictedSessionReleaseLifecycle} for each cache it starts. It adds no components.
 */
public final class EvictedSessionReleaseModule implements ModuleMetadataBuilder {

  @Override
  public String getModuleName() {
    return "erp-session-store";
  }

  @Override
  public Collection<String> getRequiredDependencies() {
    return List.of("core");
  }

  @Override
  public Collection<String> getOptionalDependencies() {
    return List.of();
  }

  @Override
  public ModuleLifecycle newModuleLifecycle() {
    return new EvictedSessionReleaseLifecycle();
  }

  @Override
  public void registerMetadata(ModuleBuilder builder) {
    // no components of its own
  }
}
