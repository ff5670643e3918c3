package dev.cpo.agent.mqtt;

import dev.cpo.hal.EntityClass;
import java.nio.charset.StandardCharsets;

/**
 * The topic names under {@code cpo/v1/<switchId>/}. Entity names keep their '/' as topic levels
 * ({@code telemetry/laser/els3/laser5}), so wildcards follow containment. An alarm id is one topic
 * level: it is percent-encoded (RFC 3986 style) for '%', '/', '+', '#', so
 * {@code laser-failure/els4/laser3} becomes {@code alarms/active/laser-failure%2Fels4%2Flaser3}; any URL
 * decoder reverses it, and the payload carries the plain id too.
 */
public final class Topics {

  /** Topic root shared by every switch. */
  public static final String ROOT = "cpo/v1/";

  private final String base;

  public Topics(String switchId) {
    this.base = ROOT + switchId + "/";
  }

  public String base() {
    return base;
  }

  public String status() {
    return base + "status";
  }

  public String meta() {
    return base + "meta";
  }

  public String telemetry(EntityClass entityClass, String entity) {
    return base + "telemetry/" + entityClass.key() + "/" + entity;
  }

  public String state(EntityClass entityClass, String entity) {
    return base + "state/" + entityClass.key() + "/" + entity;
  }

  public String activeAlarm(String alarmId) {
    return base + "alarms/active/" + encodeLevel(alarmId);
  }

  /** Filter for every active alarm topic. */
  public String activeAlarms() {
    return base + "alarms/active/+";
  }

  public String events() {
    return base + "events";
  }

  public String command(String name) {
    return base + "cmd/" + name;
  }

  /** Encodes a string as one topic level: '%', '/', '+', '#' and control characters as %XX. */
  public static String encodeLevel(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '%' || c == '/' || c == '+' || c == '#' || c < 0x20 || c == 0x7f) {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        sb.append((char) c);
      }
    }
    // Non-ASCII bytes were appended one by one as chars above; rebuild them as UTF-8.
    return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** Reverses {@link #encodeLevel(String)}. */
  public static String decodeLevel(String level) {
    byte[] out = new byte[level.length() * 3];
    byte[] in = level.getBytes(StandardCharsets.UTF_8);
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length) {
        out[n++] = (byte) Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16);
        i += 2;
      } else {
        out[n++] = in[i];
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
