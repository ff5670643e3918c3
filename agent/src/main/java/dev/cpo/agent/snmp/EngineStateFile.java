package dev.cpo.agent.snmp;

import dev.cpo.agent.state.StateFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMP engine's identity across restarts: snmpEngineID and snmpEngineBoots (RFC 3414 section
 * 2.2.2), in one small text file of the state directory.
 *
 * <p>Each start reads the file, adds one to the boots and stores the result before the agent answers
 * anything. The write is atomic (a temporary file, fsync, rename, fsync of the directory), so a crash
 * leaves either the old or the new state, never a torn file. When the new boots cannot be stored, the
 * start fails: an engine that reused a boots value would accept messages captured in an earlier run,
 * which is exactly what snmpEngineBoots exists to prevent. A file that cannot be read also fails the
 * start; it is never replaced by a new engine id behind the operator's back, since managers and inform
 * receivers know the agent by that id.
 *
 * <p>Files written by earlier versions (SNMP4J's serialized {@code EngineBootsCounterFile}) are read
 * and rewritten in this format, keeping their engine id.
 */
final class EngineStateFile {

  private static final Logger LOG = LoggerFactory.getLogger(EngineStateFile.class);

  /** RFC 3414: snmpEngineBoots is INTEGER (0..2147483647) and stays at its maximum. */
  static final int MAX_BOOTS = Integer.MAX_VALUE;
  private static final int MAX_FILE_BYTES = 4096;
  private static final String HEADER = "# SNMP engine state of cpo-agent (RFC 3414 section 2.2.2), rewritten at each start.\n"
      + "# Keep it with the agent; never copy it to another one (two engines must not share an id).\n";

  /**
   * @param engineId snmpEngineID, 5 to 32 octets (RFC 3411 SnmpEngineID)
   * @param boots snmpEngineBoots of this run
   */
  record State(byte[] engineId, int boots) {}

  private EngineStateFile() {}

  /**
   * Reads the state, advances the boots by one and stores it.
   *
   * @param file the state file; a missing file starts a new engine with boots 1
   * @param newEngineId makes the engine id of a new engine
   * @return the state of this run, already stored
   * @throws IOException naming the file and what to do, when it cannot be read or the new state not stored
   */
  static State advance(Path file, Supplier<byte[]> newEngineId) throws IOException {
    State previous = read(file);
    State next;
    if (previous == null) {
      next = new State(newEngineId.get(), 1);
      LOG.info("SNMP engine state {} not found: new engine id {}", file, HexFormat.of().formatHex(next.engineId()));
    } else if (previous.boots() >= MAX_BOOTS) {
      throw new IOException("snmpEngineBoots in " + file + " reached its maximum " + MAX_BOOTS
          + " (RFC 3414 section 2.2.2): move the file aside to start a new engine id");
    } else {
      next = new State(previous.engineId(), previous.boots() + 1);
    }
    try {
      write(file, next);
    } catch (IOException e) {
      throw new IOException("cannot store snmpEngineBoots " + next.boots() + " in " + file + ": " + reason(e)
          + " (RFC 3414 section 2.2.2: reusing a boots value would let captured messages be replayed)", e);
    }
    return next;
  }

  /** The stored state, or null when there is no file. */
  static State read(Path file) throws IOException {
    byte[] bytes;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw unreadable(file, reason(e));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw unreadable(file, "it is larger than " + MAX_FILE_BYTES + " bytes");
    }
    State state = bytes.length >= 2 && (bytes[0] & 0xff) == 0xac && (bytes[1] & 0xff) == 0xed
        ? readLegacy(file, bytes)
        : readText(file, new String(bytes, StandardCharsets.UTF_8));
    if (state.engineId().length < 5 || state.engineId().length > 32) {
      throw unreadable(file, "the engine id has " + state.engineId().length + " octets, not 5 to 32");
    }
    if (state.boots() < 0) {
      throw unreadable(file, "boots is negative");
    }
    return state;
  }

  private static State readText(Path file, String text) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq < 0 || values.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip()) != null) {
        throw unreadable(file, "line '" + abbreviate(l) + "' is not a single key=value");
      }
    }
    String id = values.get("engineId");
    String boots = values.get("boots");
    if (id == null || boots == null || values.size() != 2) {
      throw unreadable(file, "it must hold exactly engineId=<hex> and boots=<number>, it holds " + values.keySet());
    }
    try {
      return new State(HexFormat.of().parseHex(id), Integer.parseInt(boots));
    } catch (IllegalArgumentException e) {
      throw unreadable(file, "engineId must be hexadecimal and boots a number 0.." + MAX_BOOTS);
    }
  }

  /** SNMP4J's EngineBootsCounterFile: a serialized int, then a serialized OctetString. */
  private static State readLegacy(Path file, byte[] bytes) throws IOException {
    ObjectInputFilter onlyOctetStrings = info -> {
      Class<?> c = info.serialClass();
      if (c == null) {
        return info.depth() > 3 || info.references() > 10 ? ObjectInputFilter.Status.REJECTED
            : ObjectInputFilter.Status.UNDECIDED;
      }
      return c == byte[].class || c.getName().equals("org.snmp4j.smi.OctetString")
          || c.getName().equals("org.snmp4j.smi.AbstractVariable")
          ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    };
    int boots;
    Object id;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      in.setObjectInputFilter(onlyOctetStrings);
      boots = in.readInt();
      id = in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw unreadable(file, "the earlier SNMP4J format is damaged (" + reason(e) + ")");
    }
    if (!(id instanceof org.snmp4j.smi.OctetString engineId)) {
      throw unreadable(file, "the earlier SNMP4J format holds no engine id");
    }
    LOG.info("SNMP engine state {}: converting the earlier SNMP4J format, keeping engine id {}", file,
        engineId.toHexString());
    return new State(engineId.getValue(), boots);
  }

  /** Replaces the file atomically (see {@link StateFiles#replace}). */
  static void write(Path file, State state) throws IOException {
    String text = HEADER + "engineId=" + HexFormat.of().formatHex(state.engineId()) + "\nboots=" + state.boots() + "\n";
    StateFiles.replace(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static IOException unreadable(Path file, String why) {
    return new IOException("cannot read the SNMP engine id from " + file + ": " + why
        + "; restore the file from a backup, or move it aside to start a new engine id"
        + " (SNMPv3 managers and inform receivers that know the old one must then learn the new one)");
  }

  private static String reason(Exception e) {
    return StateFiles.reason(e);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
