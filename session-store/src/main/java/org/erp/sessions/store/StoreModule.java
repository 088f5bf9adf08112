package org.erp.sessions.store;

import java.util.Collection;
import java.util.List;
import org.infinispan.factories.impl.ModuleMetadataBuilder;
import org.infinispan.lifecycle.ModuleLifecycle;

/**
 * Declares this module to Infinispan (META-INF/services), which then calls {@link
 * StoreModuleLifecycle} for each cache it starts. It adds no components.
 */
public final class StoreModule implements ModuleMetadataBuilder {

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
    return new StoreModuleLifecycle();
  }

  @Override
  public void registerMetadata(ModuleBuilder builder) {
    builder.registerComponentAccessor(
        StoreWriterSkippingEmptyBatches.class.getName(),
        List.of(),
        StoreWriterSkippingEmptyBatches.accessor());
    builder.registerComponentAccessor(
        PassivationWriterSkippingEmptyBatches.class.getName(),
        List.of(),
        PassivationWriterSkippingEmptyBatches.accessor());
  }
}
