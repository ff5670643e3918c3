package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.testing.NetSnmpTools;
import dev.cpo.agent.testing.Snmptrapd;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product as {@code run} composes it ({@link Product}: the simulated switch on its scaled
 * clock with the physics advancing in the background, the agent, SNMP with every MIB module, the control
 * API), on free ports with a temporary state directory, its traps received by net-snmp's snmptrapd.
 */
class ProductIT {

  private static final String SWITCH_ID = "e2e-sw7";
  private static final Pattern IF_INDEX = Pattern.compile("IF-MIB::ifIndex\\.(\\d+) = INTEGER");

  @TempDir Path dir;

  private Product product;

  @AfterEach
  void stop() {
    if (product != null) {
      product.stop();
    }
  }

  private void start(int trapPort) throws Exception {
    AgentConfig config = AgentSections.load(null, List.of("switch.id=" + SWITCH_ID, "snmp.port=0", "gnmi.port=0", "control.port=0",
        "traps.port=" + trapPort, "state.dir=" + dir.resolve("state")));
    product = Product.of(config);
    product.start();
  }

  private int snmpPort() {
    return product.snmp().port();
  }

  /** The received notifications of one type: snmptrapd prints each on one line, its varbinds tab-separated. */
  private static List<String> received(Snmptrapd trapd, String trapOid) {
    return trapd.output().lines().filter(l -> l.contains("snmpTrapOID.0 = OID: " + trapOid)).toList();
  }

  private static Set<Integer> ifIndexes(List<String> traps) {
    Set<Integer> ports = new TreeSet<>();
    for (String t : traps) {
      Matcher m = IF_INDEX.matcher(t);
      while (m.find()) {
        ports.add(Integer.parseInt(m.group(1)));
      }
    }
    return ports;
  }

  @Test
  void removingAndReinsertingLaserModuleEls2NotifiesItsEightPortsEntConfigChangeAndOneRootAlarm() throws Exception {
    Set<Integer> els2Ports = new TreeSet<>(IntStream.rangeClosed(9, 16).boxed().toList());
    try (Snmptrapd trapd = new Snmptrapd(dir)) {
      start(trapd.port());
      await().atMost(Duration.ofSeconds(10)).until(() -> !received(trapd, "SNMPv2-MIB::coldStart").isEmpty());

      product.sim().faults().inject(FaultRequest.of(FaultCatalog.ELS_REMOVAL, "els2"));

      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        assertThat(ifIndexes(received(trapd, "IF-MIB::linkDown"))).isEqualTo(els2Ports);
        assertThat(received(trapd, "ENTITY-MIB::entConfigChange")).isNotEmpty();
        assertThat(received(trapd, "CPO-SWITCH-MIB::cpoAlarmRaised")).isNotEmpty();
      });
      // The port and lane symptoms are linked to the root and not notified on their own.
      assertThat(received(trapd, "IF-MIB::linkDown")).hasSize(8);
      assertThat(received(trapd, "CPO-SWITCH-MIB::cpoAlarmRaised")).singleElement().asString()
          .contains("STRING: els2", "critical(1)");

      product.sim().faults().inject(FaultRequest.of(FaultCatalog.ELS_INSERTION, "els2"));

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(ifIndexes(received(trapd, "IF-MIB::linkUp"))).isEqualTo(els2Ports);
        assertThat(received(trapd, "CPO-SWITCH-MIB::cpoAlarmCleared")).singleElement().asString()
            .contains("STRING: els2");
      });
      assertThat(received(trapd, "IF-MIB::linkUp")).hasSize(8);
      assertThat(received(trapd, "IF-MIB::linkDown")).hasSize(8);
    }
  }

  @Test
  void opsLoweringALaserBiasHighWarningBelowItsBiasOverSnmpRaisesTheAlarmAsANotification() throws Exception {
    try (Snmptrapd trapd = new Snmptrapd(dir)) {
      start(trapd.port());
      Inventory inv = product.agent().inventory();
      Sensor bias = inv.sensor("els3/laser5", SensorKind.BIAS_CURRENT).orElseThrow();
      double biasMilliamps = product.agent().latest().hal().value(bias.index());
      assertThat(product.agent().latest().activeAlarms()).isEmpty();
      // cpoThresholdTable is indexed by entPhySensorIndex (after the physical entities) and level; values in 0.01 mA.
      String cell = "CPO-SWITCH-MIB::cpoThresholdValue." + (inv.entities().size() + bias.index() + 1) + "."
          + ThresholdLevel.HIGH_WARNING.number();
      long lowered = Math.round((biasMilliamps - 20) * 100);

      NetSnmpTools.Result set = NetSnmpTools.run("snmpset", NetSnmpTools.OPS, snmpPort(), cell, "i",
          Long.toString(lowered));

      assertThat(set.exitCode()).as(set.err()).isZero();
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
          received(trapd, "CPO-SWITCH-MIB::cpoAlarmRaised")).singleElement().asString()
          .contains("STRING: els3/laser5", "warning"));
      assertThat(product.agent().latest().activeAlarms()).singleElement()
          .satisfies(a -> assertThat(a.condition()).isEqualTo("laser.bias-highWarning"));
    }
  }

  @Test
  void sysNameIsTheSwitchIdAtStartAndOpsCanChangeIt() throws Exception {
    start(9);

    NetSnmpTools.Result atStart = NetSnmpTools.run("snmpget", NetSnmpTools.V2C, snmpPort(), "-Oqv",
        "SNMPv2-MIB::sysName.0");
    NetSnmpTools.Result set = NetSnmpTools.run("snmpset", NetSnmpTools.OPS, snmpPort(), "SNMPv2-MIB::sysName.0", "s",
        "row3-rack12");
    NetSnmpTools.Result after = NetSnmpTools.run("snmpget", NetSnmpTools.NOC, snmpPort(), "-Oqv",
        "SNMPv2-MIB::sysName.0");

    assertThat(atStart.lines()).containsExactly(SWITCH_ID);
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(after.lines()).containsExactly("row3-rack12");
  }
}
