package dev.cpo.agent.mqtt;

import dev.cpo.agent.mqtt.link.Unnumbered;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A built JSON payload still without its {@code seq}: the message class's counter gives the number when
 * the outbox sends the message (or drops it), and the field goes in right before {@code "switch"}, so
 * the payload reads {@code {"v":1,"ts":..,"seq":..,"switch":..}} as it always did. Building the JSON
 * stays on the builder's thread; numbering is a copy of the bytes.
 */
public final class SeqPayload implements Unnumbered {

  private static final byte[] SWITCH = ",\"switch\":".getBytes(StandardCharsets.US_ASCII);

  private final byte[] json;
  private final int insertAt;
  private final AtomicLong counter;

  SeqPayload(byte[] json, AtomicLong counter) {
    this.json = json;
    this.counter = counter;
    int at = indexOf(json, SWITCH);
    if (at < 0) {
      throw new IllegalArgumentException("no \"switch\" field to put seq before in " + new String(json,
          StandardCharsets.UTF_8));
    }
    this.insertAt = at + 1;
  }

  @Override
  public byte[] number() {
    return with(counter.incrementAndGet());
  }

  /** The payload with a given seq, drawing nothing from the counter (the offline will repeats its birth's). */
  public byte[] with(long seq) {
    byte[] field = ("\"seq\":" + seq + ",").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[json.length + field.length];
    System.arraycopy(json, 0, out, 0, insertAt);
    System.arraycopy(field, 0, out, insertAt, field.length);
    System.arraycopy(json, insertAt, out, insertAt + field.length, json.length - insertAt);
    return out;
  }

  /** A payload whose writer knows where {@code seq} goes: right after the comma before {@code "switch"}. */
  SeqPayload(byte[] json, int insertAt, AtomicLong counter) {
    this.json = json;
    this.counter = counter;
    this.insertAt = insertAt;
  }

  /** Where the seq field goes, for tests. */
  int insertAt() {
    return insertAt;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
