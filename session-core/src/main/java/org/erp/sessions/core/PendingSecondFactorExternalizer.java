package org.erp.sessions.core;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.time.Instant;
import org.wildfly.clustering.marshalling.Externalizer;

/**
 * How the session manager's JBoss Marshalling writes a {@link PendingSecondFactor}: its three
 * fields as bare values behind a format number, as {@link SessionStateExternalizer} writes the
 * signed-in state, found by WildFly through the same ServiceLoader entry.
 *
 * <p>Why: in Java serialization's form each copy (to the second owner, to the store) carried the
 * class's and Instant's descriptions, and what a stored session holds should follow one set of
 * rules. Evolution as SessionStateExternalizer's: a new field bumps {@link #FORMAT} and is written
 * last, every earlier format is still read; a value written in the serialized form (before
 * 2026-12-08) is still read by its class description (SessionSchemaVersionsTest).
 */
public final class PendingSecondFactorExternalizer implements Externalizer<PendingSecondFactor> {

  /** The layout written by this version: format 1. */
  static final int FORMAT = 1;

  @Override
  public void writeObject(ObjectOutput output, PendingSecondFactor pending) throws IOException {
    output.writeByte(FORMAT);
    output.writeInt(pending.uid());
    output.writeUTF(pending.login());
    output.writeLong(pending.expiresAt().getEpochSecond());
    output.writeInt(pending.expiresAt().getNano());
  }

  @Override
  public PendingSecondFactor readObject(ObjectInput input) throws IOException {
    int format = input.readUnsignedByte();
    if (format != FORMAT) {
      throw new InvalidObjectException(
          "pending second factor in format " + format + ", not " + FORMAT);
    }
    int uid = input.readInt();
    String login = input.readUTF();
    Instant expiresAt = Instant.ofEpochSecond(input.readLong(), input.readInt());
    return new PendingSecondFactor(uid, login, expiresAt);
  }

  @Override
  public Class<PendingSecondFactor> getTargetClass() {
    return PendingSecondFactor.class;
  }
}
