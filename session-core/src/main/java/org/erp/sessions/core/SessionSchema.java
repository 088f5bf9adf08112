package org.erp.sessions.core;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/**
 * The ProtoStream schema of the session attribute classes. The annotation processor generates
 * its implementation, the marshallers and the ServiceLoader entry through which WildFly's session
 * manager finds them. Attribute values of other types are strings (custom data, as compact JSON)
 * and longs (last activity), which ProtoStream marshals natively.
 */
@ProtoSchema(
    includeClasses = SessionState.class,
    schemaPackageName = "org.erp.sessions",
    schemaFileName = "erp-session.proto",
    schemaFilePath = "proto")
interface SessionSchema extends GeneratedSchema {}
