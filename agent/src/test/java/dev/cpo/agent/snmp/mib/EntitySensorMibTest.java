package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.ReadingStatus;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.OID;

class EntitySensorMibTest {

  private static final OID SENSOR = new OID("1.3.6.1.2.1.99.1.1.1");

  private final TinySwitch sw = new TinySwitch();

  private OID cell(int column, String sensorId) {
    return new OID(SENSOR).append(column).append(sw.inventory.entities().size() + sw.sensor(sensorId).index() + 1);
  }

  private PDU row(InProcessSnmp snmp, String sensorId) {
    return snmp.get(cell(1, sensorId), cell(2, sensorId), cell(3, sensorId), cell(4, sensorId), cell(5, sensorId),
        cell(6, sensorId), cell(7, sensorId), cell(8, sensorId));
  }

  @Test
  void everySensorHasOneRowWithAllEightColumns() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntitySensorMib(new FixedAgentView(sw.snapshot()), 1000, 5000));

    for (int column = 1; column <= 8; column++) {
      assertThat(snmp.walk(new OID(SENSOR).append(column))).hasSize(sw.inventory.sensors().size());
    }
  }

  @Test
  void temperatureIsCelsiusWithOneDecimal() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntitySensorMib(
        new FixedAgentView(sw.value("els1/laser1:temp", 45.26).snapshot()), 1000, 5000));

    PDU r = row(snmp, "els1/laser1:temp");

    // RFC 3433: celsius(8), units(9), precision 1 -> 453 means 45.3 C
    assertThat(r.getVariableBindings()).extracting(vb -> vb.getVariable().toString())
        .startsWith("8", "9", "1", "453", "1", "C");
    assertThat(r.get(7).getVariable().toLong()).isEqualTo(1000);
  }

  @Test
  void biasIsMilliamperes() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntitySensorMib(
        new FixedAgentView(sw.value("els1/laser2:bias", 52.5).snapshot()), 1000, 5000));

    assertThat(row(snmp, "els1/laser2:bias").getVariableBindings()).extracting(vb -> vb.getVariable().toString())
        .startsWith("5", "8", "2", "5250", "1", "mA");
  }

  @Test
  void laneOpticalPowerIsConvertedFromDbmToMilliwattsAsSonicDoes() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntitySensorMib(
        new FixedAgentView(sw.value("port1/lane2:rx_power", -3.0).snapshot()), 1000, 5000));

    // -3 dBm = 0.5012 mW: watts(6), milli(8), precision 4
    assertThat(row(snmp, "port1/lane2:rx_power").getVariableBindings()).extracting(vb -> vb.getVariable().toString())
        .startsWith("6", "8", "4", "5012", "1", "mW");
  }

  @Test
  void unreadableSensorsSayUnavailableOrNonoperational() throws Exception {
    sw.status("asic1:temp", ReadingStatus.UNAVAILABLE).status("fan1:speed", ReadingStatus.NONOPERATIONAL);
    InProcessSnmp snmp = new InProcessSnmp(new EntitySensorMib(new FixedAgentView(sw.snapshot()), 1000, 5000));

    assertThat(snmp.get(cell(5, "asic1:temp"), cell(5, "fan1:speed"), cell(5, "oe1:temp")).getVariableBindings())
        .extracting(vb -> vb.getVariable().toInt()).containsExactly(2, 3, 1);
    assertThat(snmp.get(cell(8, "fan1:speed")).get(0).getVariable().toLong()).isEqualTo(5000);
  }

  @Test
  void sensorsOfAPulledModuleHaveNoRows() throws Exception {
    InProcessSnmp snmp = new InProcessSnmp(new EntitySensorMib(new FixedAgentView(sw.pull("els1").snapshot()), 1000,
        5000));

    assertThat(snmp.walk(new OID(SENSOR).append(1))).hasSize(sw.inventory.sensors().size() - 12);
    assertThat(snmp.get(cell(4, "els1/laser1:bias")).get(0).getVariable().isException()).isTrue();
  }
}
