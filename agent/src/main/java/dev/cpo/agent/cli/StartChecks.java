package dev.cpo.agent.cli;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.config.StateConfig;
import dev.cpo.agent.control.ControlConfig;
import dev.cpo.agent.gnmi.GnmiConfig;
import dev.cpo.agent.lifecycle.PortProbe;
import dev.cpo.agent.lifecycle.StartRefused;
import dev.cpo.agent.mqtt.EmbeddedBroker;
import dev.cpo.agent.mqtt.MqttConfig;
import dev.cpo.agent.snmp.SnmpAgent;
import dev.cpo.agent.snmp.SnmpConfig;
import dev.cpo.agent.snmp.TrapsConfig;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check-config} and every start check about the host before anything is built, so that a
 * start that cannot succeed is refused in one line naming the key, with nothing started and nothing
 * logged first:
 * <ul>
 *   <li>each listening address is one of this host's ({@code snmp.bind}, {@code control.bind}, {@code gnmi.bind});
 *   <li>no two components are given the same port of the same protocol on overlapping addresses;
 *   <li>{@code state.dir} is a directory that can be written, or can be created;
 *   <li>at start only: each configured port can be bound now (a bind of the same kind, released at once),
 *       and the SNMP engine state file can be read and replaced.
 * </ul>
 * {@code check-config} does not probe ports: a running agent holds them while its next config is checked.
 */
final class StartChecks {

  /**
   * One listening socket of the product.
   *
   * @param portKey the port's key, e.g. {@code snmp.port}
   * @param bindKey the address's key, or null where the address is fixed (the embedded broker: 127.0.0.1)
   * @param protocol {@code udp} or {@code tcp}
   * @param address as configured
   * @param port as configured; 0 picks a free one and cannot collide
   * @param member for a fleet's later switches, {@code sw3}; else null
   */
  record Listener(String portKey, String bindKey, String protocol, String address, int port, String member) {

    /** How a message names it: {@code snmp.port 1161}, or {@code snmp.port 1163 (sw3)} in a fleet. */
    String named() {
      return portKey + " " + port + (member == null ? "" : " (" + member + ")");
    }
  }

  private StartChecks() {}

  /** The listening sockets {@code run} opens for {@code config}. */
  static List<Listener> listeners(AgentConfig config) {
    List<Listener> out = new ArrayList<>();
    SnmpConfig snmp = config.get(SnmpConfig.SECTION);
    out.add(new Listener("snmp.port", "snmp.bind", "udp", snmp.bind(), snmp.port(), null));
    MqttConfig mqtt = config.get(MqttConfig.SECTION);
    if (mqtt.isEmbedded()) {
      out.add(new Listener("mqtt.embedded.port", null, "tcp", EmbeddedBroker.HOST, mqtt.embedded().port(), null));
    }
    GnmiConfig gnmi = config.get(GnmiConfig.SECTION);
    out.add(new Listener("gnmi.port", "gnmi.bind", "tcp", gnmi.bind(), gnmi.port(), null));
    ControlConfig control = config.get(ControlConfig.SECTION);
    out.add(new Listener("control.port", "control.bind", "tcp", control.bind(), control.port(), null));
    return out;
  }

  /**
   * The listening sockets of a fleet: the first switch's as {@link #listeners}, and each later switch's
   * SNMP port (they share the first one's broker, control API and gNMI target).
   */
  static List<Listener> fleetListeners(List<AgentConfig> members) {
    List<Listener> out = new ArrayList<>(listeners(members.get(0)));
    for (AgentConfig m : members.subList(1, members.size())) {
      SnmpConfig snmp = m.get(SnmpConfig.SECTION);
      out.add(new Listener("snmp.port", "snmp.bind", "udp", snmp.bind(), snmp.port(), m.switchId()));
    }
    return out;
  }

  /** {@code check-config}'s checks of the host: addresses, distinct ports, state directories. */
  static void validate(AgentConfig config, List<Listener> listeners, List<Path> stateDirs) throws ConfigException {
    addressesOfThisHost(config, listeners);
    distinct(listeners);
    trapsNotToItself(config);
    for (Path dir : stateDirs) {
      stateDir(config, dir);
    }
  }

  /** Everything {@link #validate} checks, then the ports and the SNMP engine state, as a start needs them. */
  static void beforeStart(AgentConfig config, List<Listener> listeners, List<Path> stateDirs)
      throws ConfigException, StartRefused {
    validate(config, listeners, stateDirs);
    for (Listener l : listeners) {
      probe(l);
    }
    for (Path dir : stateDirs) {
      SnmpAgent.checkState(dir);
    }
  }

  /** Each bind key names an address of this host (or all addresses). */
  static void addressesOfThisHost(AgentConfig config, List<Listener> listeners) throws ConfigException {
    for (Listener l : listeners) {
      if (l.bindKey() == null) {
        continue;
      }
      InetAddress a = address(l);
      boolean local;
      try {
        local = a.isAnyLocalAddress() || a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
      } catch (SocketException e) {
        // The interface list cannot be read here: leave it to the bind.
        local = true;
      }
      if (!local) {
        throw new ConfigException(l.bindKey(), l.bindKey() + " " + l.address()
            + ": not an address of this host (its interfaces have no such address)" + config.origin(l.bindKey()));
      }
    }
  }

  /** No two listeners share a protocol and a port on addresses that overlap. */
  static void distinct(List<Listener> listeners) throws ConfigException {
    for (int i = 0; i < listeners.size(); i++) {
      for (int j = i + 1; j < listeners.size(); j++) {
        Listener a = listeners.get(i);
        Listener b = listeners.get(j);
        if (a.port() != 0 && a.port() == b.port() && a.protocol().equals(b.protocol()) && overlap(a, b)) {
          throw new ConfigException(a.portKey(), a.named() + " and " + b.named() + ": two components are given the"
              + " same " + a.protocol() + " port (" + a.address() + (a.address().equals(b.address()) ? "" : ", "
              + b.address()) + "); give each its own, or 0 to pick a free one");
        }
      }
    }
  }

  /**
   * The v2c trap target is not this agent's own SNMP port: {@code traps.port} equal to {@code snmp.port} on
   * a loopback {@code traps.host} (or the SNMP address itself) would send every trap to the agent.
   */
  static void trapsNotToItself(AgentConfig config) throws ConfigException {
    SnmpConfig snmp = config.get(SnmpConfig.SECTION);
    TrapsConfig traps = config.get(TrapsConfig.SECTION);
    if (snmp.port() == 0 || traps.port() != snmp.port()) {
      return;
    }
    String host = traps.host().strip();
    boolean here = ControlConfig.isLoopback(host) && (ControlConfig.isLoopback(snmp.bind())
        || snmp.bind().equals("0.0.0.0") || snmp.bind().equals("::")) || host.equals(snmp.bind());
    if (here) {
      throw new ConfigException("traps.port", "traps.port " + traps.port() + " and snmp.port " + snmp.port()
          + ": the traps would be sent to this agent's own SNMP port on " + host
          + "; give the trap receiver its own port" + config.origin("traps.port"));
    }
  }

  private static boolean overlap(Listener a, Listener b) {
    InetAddress x = address(a);
    InetAddress y = address(b);
    if (x.equals(y)) {
      return true;
    }
    // 0.0.0.0 takes the port on every IPv4 address; :: on every address (dual stack).
    return any(x, y) || any(y, x);
  }

  private static boolean any(InetAddress wildcard, InetAddress other) {
    return wildcard.isAnyLocalAddress() && (!(wildcard instanceof Inet4Address) || other instanceof Inet4Address);
  }

  private static InetAddress address(Listener l) {
    String a = l.address().strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (a.equalsIgnoreCase("localhost")) {
      return InetAddress.getLoopbackAddress();
    }
    try {
      // A literal (the config refused anything else): parsed, never looked up.
      return InetAddress.getByName(a);
    } catch (IOException e) {
      throw new IllegalStateException(l.bindKey() + " passed the config's check but is not an address: " + a, e);
    }
  }

  /**
   * {@code state.dir} (or its default) is a directory this process can write, or one it can create:
   * not a regular file, not under one, and its nearest existing parent writable. A probe file shows it
   * (which works for root too, where permission bits do not bind); nothing else is created.
   */
  static void stateDir(AgentConfig config, Path dir) throws ConfigException {
    String configured = config.get(StateConfig.SECTION).dir();
    String named = configured.isBlank() ? "state.dir (default " + dir + ")" : "state.dir " + dir;
    String where = config.origin("state.dir");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ConfigException("state.dir", named + ": is a file, not a directory" + where);
    }
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new ConfigException("state.dir", named + ": no part of the path exists" + where);
    }
    if (!Files.isDirectory(existing)) {
      throw new ConfigException("state.dir", named + ": cannot be created, " + existing + " is a file" + where);
    }
    try {
      Path probe = Files.createTempFile(existing, ".cpo-agent-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ConfigException("state.dir", named + ": " + (existing.equals(dir.toAbsolutePath()) ? "not writable"
          : "cannot be created in " + existing) + " (" + reason(e) + ")" + where);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Binds the listener's port as its component will, and releases it at once ({@link PortProbe}). */
  static void probe(Listener l) throws StartRefused {
    try {
      PortProbe.bind(l.portKey(), l.bindKey(), l.protocol(), address(l), l.address(), l.port());
    } catch (StartRefused refused) {
      throw l.member() == null ? refused : new StartRefused(refused.key(), refused.getMessage().replaceFirst(
          java.util.regex.Pattern.quote(l.portKey() + " " + l.port()), l.named()), refused.getCause());
    }
  }
}
