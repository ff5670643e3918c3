package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.alarm.ThresholdLevel;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.agent.threshold.ThresholdFile;
import dev.cpo.agent.threshold.ThresholdSet;
import dev.cpo.agent.threshold.ThresholdStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

class CpoThresholdTableTest {

  private final TinySwitch sw = new TinySwitch();
  private final FixedAgentView view = new FixedAgentView(sw.value("els1/laser1:bias", 62.0).snapshot());
  private InProcessSnmp snmp;

  @BeforeEach
  void thresholds() throws Exception {
    // lowAlarm 20, lowWarning 30, highWarning 60, highAlarm 80 mA on one bias sensor
    for (ThresholdLevel l : ThresholdLevel.values()) {
      view.thresholds().set("els1/laser1:bias", l, new double[] {20, 30, 60, 80}[l.number() - 1], "test");
    }
    view.thresholds().set("port1/lane1:rx_power", ThresholdLevel.LOW_ALARM, -10.0, "test");
    snmp = new InProcessSnmp(new CpoSwitchMib(view));
  }

  private int sensorIndex(String id) {
    return sw.inventory.entities().size() + sw.sensor(id).index() + 1;
  }

  private OID cell(int column, String sensorId, int level) {
    return new OID(CpoOids.THRESHOLD_ENTRY).append(column).append(sensorIndex(sensorId)).append(level);
  }

  private PDU setValue(String sensorId, int level, int value) {
    return snmp.set(new VariableBinding(cell(4, sensorId, level), new Integer32(value)));
  }

  @Test
  void eachConfiguredLevelIsARowShapedLikeCiscoEntSensorThresholdTable() {
    PDU r = snmp.get(cell(2, "els1/laser1:bias", 4), cell(3, "els1/laser1:bias", 4), cell(4, "els1/laser1:bias", 4),
        cell(5, "els1/laser1:bias", 3), cell(5, "els1/laser1:bias", 4), cell(6, "els1/laser1:bias", 4),
        cell(7, "els1/laser1:bias", 4), cell(3, "els1/laser1:bias", 1), cell(2, "els1/laser1:bias", 2));

    // major(20), greaterThan(3), 80 mA in entPhySensorValue's scale (amperes, milli, precision 2)
    assertThat(r.getVariableBindings()).extracting(vb -> vb.getVariable().toString())
        .containsExactly("20", "3", "8000", "1", "2", "1", "els1/laser1:bias", "1", "10");
    assertThat(snmp.walk(new OID(CpoOids.THRESHOLD_ENTRY).append(4))).hasSize(5);
  }

  @Test
  void opticalPowerThresholdsAreInMilliwattsLikeTheSensorValue() {
    // -10 dBm = 0.1 mW, precision 4
    assertThat(snmp.get(cell(4, "port1/lane1:rx_power", 1)).get(0).getVariable().toInt()).isEqualTo(1000);
  }

  @Test
  void aValidSetChangesTheEffectiveThresholdAtOnce() {
    PDU r = setValue("els1/laser1:bias", 3, 6550);

    assertThat(r.getErrorStatus()).isEqualTo(PDU.noError);
    assertThat(view.thresholds().effective("els1/laser1:bias").highWarning()).isEqualTo(65.5);
    assertThat(snmp.get(cell(4, "els1/laser1:bias", 3), cell(5, "els1/laser1:bias", 3)).getVariableBindings())
        .extracting(vb -> vb.getVariable().toInt()).containsExactly(6550, 2);
  }

  @Test
  void aSetThatBreaksTheOrderFailsWithInconsistentValueAndChangesNothing() {
    ThresholdSet before = view.thresholds().effective("els1/laser1:bias");

    PDU r = setValue("els1/laser1:bias", 3, 9000);

    assertThat(r.getErrorStatus()).isEqualTo(PDU.inconsistentValue);
    assertThat(r.getErrorIndex()).isEqualTo(1);
    assertThat(view.thresholds().effective("els1/laser1:bias")).isEqualTo(before);
  }

  @Test
  void aWholeBandCanMoveInOnePduWhateverTheVarbindOrder() {
    PDU r = snmp.set(new VariableBinding(cell(4, "els1/laser1:bias", 3), new Integer32(9000)),
        new VariableBinding(cell(4, "els1/laser1:bias", 4), new Integer32(9500)));

    assertThat(r.getErrorStatus()).isEqualTo(PDU.noError);
    assertThat(view.thresholds().effective("els1/laser1:bias")).isEqualTo(new ThresholdSet(20, 30, 90, 95));
  }

  @Test
  void aPowerThatMilliwattsCannotTakeFailsWithWrongValue() {
    PDU r = setValue("port1/lane1:rx_power", 1, 0);

    assertThat(r.getErrorStatus()).isEqualTo(PDU.wrongValue);
    assertThat(view.thresholds().effective("port1/lane1:rx_power").lowAlarm()).isEqualTo(-10.0);
  }

  @Test
  void aValueOfTheWrongTypeFailsWithWrongType() {
    PDU r = snmp.set(new VariableBinding(cell(4, "els1/laser1:bias", 3), new OctetString("60")));

    assertThat(r.getErrorStatus()).isEqualTo(PDU.wrongType);
  }

  @Test
  void readOnlyColumnsAndUnconfiguredLevelsAreNotWritable() {
    assertThat(snmp.set(new VariableBinding(cell(2, "els1/laser1:bias", 3), new Integer32(30))).getErrorStatus())
        .isEqualTo(PDU.notWritable);
    assertThat(setValue("port1/lane1:rx_power", 4, 2000).getErrorStatus()).isEqualTo(PDU.noCreation);
  }

  @Test
  void aSetThatCannotBeStoredIsCommitFailedAndChangesNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("thresholds.yaml");
    ThresholdStore store = new ThresholdStore(sw.inventory, ThresholdFile.defaults(), file, (i, s, b) -> { });
    store.setAll(Map.of("els1/laser1:bias", new ThresholdSet(20, 30, 60, 80)), "test");
    view.thresholds(store);
    ThresholdSet laser2 = store.effective("els1/laser2:bias");
    // Root writes through any mode bits, so block the save with a directory where its temporary file goes.
    Files.createDirectory(dir.resolve("thresholds.yaml.tmp"));
    VariableBinding[] band = {new VariableBinding(cell(4, "els1/laser1:bias", 3), new Integer32(9000)),
        new VariableBinding(cell(4, "els1/laser1:bias", 4), new Integer32(9500)),
        new VariableBinding(cell(4, "els1/laser2:bias", 3), new Integer32(45000))};

    PDU refused = snmp.set(band);

    assertThat(refused.getErrorStatus()).isEqualTo(PDU.commitFailed);
    assertThat(store.effective("els1/laser1:bias")).isEqualTo(new ThresholdSet(20, 30, 60, 80));
    assertThat(store.effective("els1/laser2:bias")).isEqualTo(laser2);
    assertThat(snmp.get(cell(4, "els1/laser1:bias", 3), cell(4, "els1/laser1:bias", 4), cell(4, "els1/laser2:bias", 3))
        .getVariableBindings()).extracting(vb -> vb.getVariable().toInt())
        .containsExactly(6000, 8000, (int) Math.round(laser2.highWarning() * 100));

    Files.delete(dir.resolve("thresholds.yaml.tmp"));
    assertThat(snmp.set(band).getErrorStatus()).isEqualTo(PDU.noError);
    ThresholdStore restarted = new ThresholdStore(sw.inventory, ThresholdFile.defaults(), file, (i, s, b) -> { });
    assertThat(restarted.effective("els1/laser1:bias")).isEqualTo(new ThresholdSet(20, 30, 90, 95));
    assertThat(restarted.effective("els1/laser2:bias").highWarning()).isEqualTo(450);
  }
}
