package dev.cpo.agent.snmp;

import dev.cpo.agent.core.AgentView;
import dev.cpo.agent.lifecycle.Component;
import dev.cpo.agent.lifecycle.StartRefused;
import dev.cpo.agent.snmp.ifmib.IfMib;
import dev.cpo.agent.snmp.notify.NotifierStats;
import dev.cpo.agent.snmp.notify.SenderOriginator;
import dev.cpo.agent.snmp.notify.TargetNotifier;
import dev.cpo.agent.snmp.security.AccessControl;
import dev.cpo.hal.Inventory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.snmp.SNMPv2MIB;
import org.snmp4j.cfg.EngineBootsProvider;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMP agent: SNMP4J-Agent's {@link org.snmp4j.agent.AgentConfigManager} on one UDP port, serving
 * SNMPv2-MIB, IF-MIB and the given modules from the agent's latest snapshot; v2c read-only, SNMPv3
 * users {@code noc} (read-only) and {@code ops} (read-write); notifications to the configured targets.
 * The engine id and engine boots live in the state directory, so they survive restarts.
 */
public final class SnmpAgent implements Component {

  private static final Logger LOG = LoggerFactory.getLogger(SnmpAgent.class);

  /** sysObjectID: the CPO-SWITCH-MIB root under enterprise 32473 (RFC 5612), naming this product. */
  public static final OID SYS_OBJECT_ID = new OID("1.3.6.1.4.1.32473.1");
  /** File in the state directory holding the engine id and boots counter. */
  public static final String BOOTS_FILE = "snmp-engine.boots";
  /**
   * The largest message the agent takes or sends: the payload of one UDP datagram over IPv4 (65535 less
   * the 20-byte IP and 8-byte UDP headers). A larger response could not be sent at all; RFC 3416 section
   * 4.2 bounds every response by it.
   */
  public static final int MAX_MESSAGE_SIZE = 65507;

  private final SnmpConfig config;
  private final TrapsConfig traps;
  private final AgentView view;
  private final Path stateDir;
  private final List<SnmpModule> givenModules;
  private final String sysName;
  private final List<SnmpModule> modules = new ArrayList<>();

  private CpoAgentConfigManager manager;
  private DefaultUdpTransportMapping transport;
  private TargetNotifier notifier;
  private OctetString engineId;
  private volatile int boundPort = -1;

  /**
   * @param config where to listen, the community and the USM users
   * @param traps notification targets
   * @param view the agent: latest snapshot and events
   * @param stateDir directory for the engine id and boots (created when missing)
   * @param modules further MIB modules to serve (ENTITY-MIB, CPO-SWITCH-MIB, ...)
   */
  public SnmpAgent(SnmpConfig config, TrapsConfig traps, AgentView view, Path stateDir, List<SnmpModule> modules) {
    this(config, traps, view, stateDir, modules, "");
  }

  /**
   * As {@link #SnmpAgent(SnmpConfig, TrapsConfig, AgentView, Path, List)}, with sysName set at start.
   *
   * @param sysName sysName.0 at start, e.g. the switch id (what LibreNMS and others display); ops may
   *     change it at run time
   */
  public SnmpAgent(SnmpConfig config, TrapsConfig traps, AgentView view, Path stateDir, List<SnmpModule> modules,
      String sysName) {
    this.sysName = Objects.requireNonNull(sysName, "sysName");
    this.config = Objects.requireNonNull(config, "config");
    this.traps = Objects.requireNonNull(traps, "traps");
    this.view = Objects.requireNonNull(view, "view");
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.givenModules = List.copyOf(modules);
  }

  @Override
  public String name() {
    return "snmp";
  }

  @Override
  public synchronized void start() throws Exception {
    try {
      launch();
    } catch (Exception e) {
      // Release whatever was set up (port, threads) so a failed start leaves nothing behind.
      stop();
      throw e;
    }
  }

  private void launch() throws Exception {
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new StartRefused("state.dir", "state.dir " + stateDir + ": cannot be created (" + e + ")", e);
    }
    InetAddress bind = InetAddress.getByName(config.bind());
    warnOnLabPassphrases(bind);

    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    try {
      transport = new DefaultUdpTransportMapping(new UdpAddress(bind, config.port()));
    } catch (IOException e) {
      throw StartRefused.bind("snmp.port", "snmp.bind", "udp", config.bind(), config.port(), e);
    }
    transport.setMaxInboundMessageSize(MAX_MESSAGE_SIZE);
    // Every request is decoded and answered on the transport's own thread (no worker pool, below), so its
    // receive buffer can be reused: with asynchronous processing allowed (SNMP4J's default) the transport
    // allocates a new buffer of the largest message, 64 KB, for each datagram it receives: 200 MB per full
    // walk (3,132 requests), a third of the walk's young collections (124 -> 84 per walk).
    transport.setAsyncMsgProcessingSupported(false);
    dispatcher.addTransportMapping(transport);
    // RFC 3414 section 3.2: the reports for an unknown user, a wrong digest or an undecryptable message go
    // out noAuthNoPriv (the requester's keys are unknown or wrong), so that managers can tell the
    // operator why instead of timing out. SNMP4J's default sends them at the request's level, which
    // fails for an unknown user and cannot be verified by a manager with a wrong key.
    SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
    EngineStateFile.State engine;
    try {
      engine = EngineStateFile.advance(stateDir.resolve(BOOTS_FILE), MPv3::createLocalEngineID);
    } catch (IOException e) {
      // RFC 3414 section 2.2.2: no start with a boots value that cannot be stored or an engine id that cannot be read.
      throw new StartRefused("state.dir", e.getMessage(), e);
    }
    engineId = new OctetString(engine.engineId());
    MOServer server = new DefaultMOServer();
    // No worker pool: requests are answered on the transport's thread. Every read is a lookup in an
    // immutable snapshot, so a hand-off to another thread costs more than the work (the walk benchmark
    // measured about 1.15x snmpd's rate with a pool of two, 1.3x without).
    OutTooBigs outTooBigs = new OutTooBigs();
    manager = new CpoAgentConfigManager(engineId, dispatcher, new MOServer[] {server}, storedBoots(engine.boots()),
        MAX_MESSAGE_SIZE, outTooBigs);
    manager.getSysDescr().setValue(sysDescr(view.inventory()));
    manager.getSysOID().setValue(SYS_OBJECT_ID.getValue());
    manager.initialize();

    SNMPv2MIB snmpv2 = manager.getSNMPv2MIB();
    snmpv2.setName(new OctetString(sysName));
    // The dispatcher counts snmpInPkts, snmpInASNParseErrs, snmpInBadVersions...; SNMP4J-Agent only links it
    // to SNMP-MPD-MIB, so SNMPv2-MIB's snmp group would stay at zero without this.
    dispatcher.addCounterListener(snmpv2);
    dispatcher.addCounterListener(new AsnParseErrorCounter(dispatcher, snmpv2));
    AccessControl.configure(manager, config, engineId);
    // Beside the rest of the start: v1/v2c answer without them, v3 messages wait for them.
    ((CpoUsm) manager.getUsm()).addUsersAside(AccessControl.users(config), engineId);
    server.register(outTooBigs, null);

    modules.add(new IfMib(view, manager.getSysUpTime()));
    modules.addAll(givenModules);
    registerModules(server, snmpv2);

    manager.run();
    if (!transport.isListening()) {
      // AgentConfigManager records a failed listen() without throwing it.
      throw new IOException("SNMP transport on udp " + config.bind() + ":" + config.port() + " is not listening");
    }
    boundPort = transport.getListenAddress().getPort();

    notifier = new TargetNotifier(manager.session(), manager.getUsm(),
        name -> AccessControl.user(name, AccessControl.NOC.equals(name) ? config.noc() : config.ops()),
        manager.getSysUpTime(), traps);
    manager.setNotificationOriginator(new SenderOriginator(notifier));
    for (SnmpModule m : modules) {
      m.start(notifier);
    }
    // RFC 3418 coldStart: the agent (re)initialised and its configuration may have changed.
    notifier.send(SnmpConstants.coldStart, List.of());
    LOG.info("SNMP agent listening on udp {}:{} (engine id {}, boots {})", config.bind(), boundPort,
        engineId.toHexString(), manager.getUsm().getEngineBoots());
  }

  /**
   * Refuses as {@link #start()} would, before anything starts and without writing: an engine state file
   * in {@code stateDir} that cannot be read, or that exists and cannot be replaced (the boots of the
   * coming start could not be stored).
   */
  public static void checkState(Path stateDir) throws StartRefused {
    Path file = stateDir.resolve(BOOTS_FILE);
    try {
      if (EngineStateFile.read(file) != null && !Files.isWritable(file)) {
        throw new StartRefused("state.dir", "cannot store snmpEngineBoots in " + file + ": the file is not writable"
            + " (RFC 3414 section 2.2.2: reusing a boots value would let captured messages be replayed)", null);
      }
    } catch (IOException e) {
      throw new StartRefused("state.dir", e.getMessage(), e);
    }
  }

  /** The boots of this run, already stored by {@link EngineStateFile#advance}. */
  private static EngineBootsProvider storedBoots(int boots) {
    return new EngineBootsProvider() {
      @Override
      public int updateEngineBoots() {
        return boots;
      }

      @Override
      public int getEngineBoots() {
        return boots;
      }
    };
  }

  private void registerModules(MOServer server, SNMPv2MIB snmpv2) throws DuplicateRegistrationException {
    for (SnmpModule m : modules) {
      m.registerMOs(server, null);
      m.sysOREntries().forEach((oid, descr) -> snmpv2.addSysOREntry(oid, new OctetString(descr)));
    }
    snmpv2.addSysOREntry(new OID("1.3.6.1.6.3.1"), new OctetString("The MIB module for SNMP entities"));
    snmpv2.addSysOREntry(IfMib.IF_MIB, new OctetString("The MIB module to describe generic objects for network interface sub-layers"));
    snmpv2.addSysOREntry(new OID("1.3.6.1.6.3.10.3.1.1"), new OctetString("The SNMP Management Architecture MIB"));
    snmpv2.addSysOREntry(new OID("1.3.6.1.6.3.11.3.1.1"), new OctetString("The MIB for Message Processing and Dispatching"));
    snmpv2.addSysOREntry(new OID("1.3.6.1.6.3.15.2.1.1"), new OctetString("The management information definitions for the SNMP User-based Security Model"));
    snmpv2.addSysOREntry(new OID("1.3.6.1.6.3.16.2.1.1"), new OctetString("The View-based Access Control Model for SNMP"));
  }

  private void warnOnLabPassphrases(InetAddress bind) {
    if (usesLabPassphrasesOffLoopback(config, bind)) {
      LOG.warn("SNMP listens on {} with the lab default SNMPv3 passphrases of config/agent.yaml: "
          + "set snmp.noc and snmp.ops passphrases before exposing it", config.bind());
    }
    if (!bind.isLoopbackAddress() && "public".equals(config.community())) {
      LOG.warn("SNMP listens on {} with the v2c community 'public'", config.bind());
    }
  }

  /** Whether the agent would be reachable beyond this host with a lab default passphrase. */
  static boolean usesLabPassphrasesOffLoopback(SnmpConfig config, InetAddress bind) {
    return !bind.isLoopbackAddress()
        && (config.noc().equals(SnmpConfig.DEFAULT_NOC) || config.ops().equals(SnmpConfig.DEFAULT_OPS));
  }

  static String sysDescr(Inventory inventory) {
    String version = SnmpAgent.class.getPackage().getImplementationVersion();
    return "CPO switch " + inventory.model() + " (profile " + inventory.profile() + ", " + inventory.portCount()
        + " x " + inventory.portSpeedMbps() / 1000 + "G ports), cpo-agent " + (version == null ? "dev" : version);
  }

  /** The UDP port the agent listens on (the chosen one when configured as 0); -1 before start. */
  public int port() {
    return boundPort;
  }

  /** The agent's SNMP engine id. */
  public OctetString engineId() {
    return engineId;
  }

  /** Notification counters per target. */
  public Map<String, NotifierStats> notificationStats() {
    TargetNotifier n = notifier;
    return n == null ? Map.of() : n.stats();
  }

  @Override
  public synchronized void stop() {
    for (SnmpModule m : modules) {
      quietly("stop module " + m.getClass().getSimpleName(), m::stop);
    }
    modules.clear();
    if (notifier != null) {
      quietly("close notification targets", notifier::close);
      notifier = null;
    }
    if (manager != null) {
      quietly("shut the agent down", manager::shutdown);
      manager = null;
    }
    if (transport != null) {
      DefaultUdpTransportMapping t = transport;
      quietly("close the transport", () -> {
        try {
          t.close();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      transport = null;
    }
    boundPort = -1;
  }

  /** Runs one shutdown step; a failing step is logged and the next one still runs (stop must not throw). */
  private static void quietly(String step, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("SNMP agent: could not {}: {}", step, e.toString());
    }
  }
}
