package org.erp.sessions.core;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.wildfly.clustering.marshalling.Externalizer;

/**
 * How the session manager's JBoss Marshalling writes a {@link SessionState}: its fields in a
 * fixed order behind a format number, found by WildFly through this jar's ServiceLoader entry.
 *
 * <p>Why: as a plain {@code Serializable}, every copy of the value (to the session's second
 * owner at each company switch or password change, to the store, at each sign-in) carried the
 * class's field names and types and those of the list, Integer, Instant and Duration inside it:
 * JBoss Marshalling writing the attribute was a seventh of the node's request CPU in a two-node
 * company switch (bench/README.md, "Where the switch's two-node time goes"). Here the class is a
 * number in WildFly's class table and the fields are bare values.
 *
 * <p>Evolution: {@link #FORMAT} is written first. A new field bumps it and is written last; the
 * reader keeps reading every earlier format, giving a field an older format lacks the default
 * {@link SessionState} names for it. A value written before this externalizer existed (the plain
 * serialized form) is still read the old way, by its class description in the stream:
 * SessionSchemaVersionsTest reads version 1's through the server's configuration with this
 * externalizer registered.
 */
public final class SessionStateExternalizer implements Externalizer<SessionState> {

  /** The layout written by this version: format 1. */
  static final int FORMAT = 1;

  /** More companies than any user has: a count beyond it is a damaged value, not a session. */
  private static final int MAX_COMPANIES = 10_000;

  @Override
  public void writeObject(ObjectOutput output, SessionState state) throws IOException {
    output.writeByte(FORMAT);
    output.writeInt(state.uid());
    List<Integer> companies = state.activeCompanyIds();
    output.writeInt(companies.size());
    for (int company : companies) {
      output.writeInt(company);
    }
    output.writeUTF(state.securityStamp());
    writeInstant(output, state.createdAt());
    writeInstant(output, state.absoluteExpiresAt());
    output.writeLong(state.idleTimeout().getSeconds());
    output.writeInt(state.idleTimeout().getNano());
    output.writeUTF(state.csrfToken());
    output.writeUTF(state.deviceId());
  }

  @Override
  public SessionState readObject(ObjectInput input) throws IOException {
    int format = input.readUnsignedByte();
    if (format != FORMAT) {
      throw new InvalidObjectException("session state in format " + format + ", not " + FORMAT);
    }
    int uid = input.readInt();
    int count = input.readInt();
    if (count < 0 || count > MAX_COMPANIES) {
      throw new InvalidObjectException("session state with " + count + " companies");
    }
    List<Integer> companies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      companies.add(input.readInt());
    }
    String securityStamp = input.readUTF();
    Instant createdAt = readInstant(input);
    Instant absoluteExpiresAt = readInstant(input);
    Duration idleTimeout = Duration.ofSeconds(input.readLong(), input.readInt());
    String csrfToken = input.readUTF();
    String deviceId = input.readUTF();
    return new SessionState(
        uid, companies, securityStamp, createdAt, absoluteExpiresAt, idleTimeout, csrfToken,
        deviceId);
  }

  @Override
  public Class<SessionState> getTargetClass() {
    return SessionState.class;
  }

  private static void writeInstant(ObjectOutput output, Instant instant) throws IOException {
    output.writeLong(instant.getEpochSecond());
    output.writeInt(instant.getNano());
  }

  private static Instant readInstant(ObjectInput input) throws IOException {
    return Instant.ofEpochSecond(input.readLong(), input.readInt());
  }
}
