package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.ElsFlag;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.LaserFlags;
import dev.cpo.hal.OperState;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.profile.LaserSpec;
import dev.cpo.hal.sim.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitors an OIF ELSFP laser module has (as SONiC's elsfp.py reads them): module supply current,
 * per-laser frequency on the profile's grid, and per-laser flags with change counts and set and clear
 * times, all on the simulator clock.
 */
class ElsMonitorsTest {

  @TempDir Path dir;

  private final Probe probe = Probe.defaultSwitch();

  private static int laser(String name, HalSnapshot snap) {
    return snap.inventory().entitiesOf(EntityClass.LASER).indexOf(snap.inventory().require(name));
  }

  @Test
  void theSupplyCurrentIsWhatTheElectronicsLaserDriveAndTecsDrawOverTheSupplyVoltage() {
    HalSnapshot snap = probe.run(Duration.ofSeconds(3)).snapshot();
    Profile p = probe.sim.topology().profile;
    double watts = p.laserModules().electronicsWatts();
    for (int l = 1; l <= 8; l++) {
      String laser = "els3/laser" + l;
      watts += Probe.value(snap, laser, SensorKind.BIAS_CURRENT) / 1000 * p.lasers().forwardVolts()
          + Probe.value(snap, laser, SensorKind.TEC_CURRENT) / 100 * p.lasers().tecWattsAtFull();
    }
    double amps = Probe.value(snap, "els3", SensorKind.SUPPLY_CURRENT);
    assertThat(amps).isCloseTo(watts / p.laserModules().supplyVolts(), within(0.02));
    assertThat(amps).as("about 4.5 A for 8 x 100 mW lasers").isBetween(3.5, 5.5);

    // A module whose lasers are off draws only its controller.
    for (int l = 1; l <= 8; l++) {
      setLaser("els3/laser" + l, false);
    }
    double dark = probe.run(Duration.ofSeconds(5)).value("els3", SensorKind.SUPPLY_CURRENT);
    assertThat(dark).isLessThan(amps - 1);
  }

  @Test
  void aDrGridReportsEveryLaserAtTheFrequencyOfTheOneWavelength() {
    HalSnapshot snap = probe.run(Duration.ofSeconds(1)).snapshot();
    // 1311 nm = 299792458 / 1311e-9 Hz = 228.675 THz, in the register's 5 GHz steps.
    for (int l = 1; l <= 8; l++) {
      double ghz = Probe.value(snap, "els3/laser" + l, SensorKind.FREQUENCY);
      assertThat(ghz).isCloseTo(228_675, within(5.0));
      assertThat(ghz % 5).isZero();
    }
  }

  @Test
  void aCwWdmGridSpacesTheLasersOfAModuleByTheGridSpacing() throws Exception {
    Path file = dir.resolve("wdm.yaml");
    Files.writeString(file, "extends: quantum-x-photonics-115t\nname: wdm\nlasers:\n  frequencyGrid: cw-wdm\n"
        + "  gridSpacingGhz: 400\n");
    SimulatedSwitch sim = SimulatedSwitch.builder().profile(file.toString()).clock(new ManualClock()).build();
    HalSnapshot snap = sim.snapshot();
    double first = Probe.value(snap, "els1/laser1", SensorKind.FREQUENCY);
    for (int l = 2; l <= 8; l++) {
      assertThat(Probe.value(snap, "els1/laser" + l, SensorKind.FREQUENCY) - first).isEqualTo(400.0 * (l - 1));
    }
    // Centred on the wavelength: the middle of lasers 4 and 5 is 1311 nm.
    assertThat(first + 3.5 * 400).isCloseTo(228_675, within(5.0));
  }

  @Test
  void aProfileWithoutAGridHasNoFrequencySensorAndEveryOtherSensorKeepsItsIndex() throws Exception {
    Path file = dir.resolve("dark.yaml");
    Files.writeString(file, "extends: quantum-x-photonics-115t\nname: dark\nlasers:\n  frequencyGrid: none\n");
    SimulatedSwitch none = SimulatedSwitch.builder().profile(file.toString()).clock(new ManualClock()).build();
    List<Sensor> without = none.inventory().sensors();
    List<Sensor> with = probe.sim.inventory().sensors();
    assertThat(without).noneMatch(s -> s.kind() == SensorKind.FREQUENCY);
    assertThat(with.subList(0, without.size())).isEqualTo(without);
    // The sensors added in this release come after every earlier one, so no entPhysicalIndex moves.
    int firstNew = with.stream().filter(s -> s.kind() == SensorKind.SUPPLY_CURRENT).mapToInt(Sensor::index).min()
        .orElseThrow();
    assertThat(with.subList(firstNew, with.size())).allMatch(
        s -> s.kind() == SensorKind.SUPPLY_CURRENT || s.kind() == SensorKind.FREQUENCY);
    assertThat(with.subList(0, firstNew)).noneMatch(
        s -> s.kind() == SensorKind.SUPPLY_CURRENT || s.kind() == SensorKind.FREQUENCY);
    assertThat(with.size() - firstNew).isEqualTo(18 + 144);
  }

  @Test
  void theElsFlagCountersCountSetAndClearTransitions() throws Exception {
    HalSnapshot start = probe.snapshot();
    int i = laser("els3/laser5", start);
    LaserFlags f0 = start.laserFlags();
    assertThat(f0.lasers()).isEqualTo(144);
    for (ElsFlag flag : ElsFlag.values()) {
      assertThat(f0.active(i, flag)).as(flag.key()).isFalse();
      assertThat(f0.changeCount(i, flag)).isZero();
      assertThat(f0.lastSetMillis(i, flag)).isEqualTo(LaserFlags.NEVER);
      assertThat(f0.lastClearMillis(i, flag)).isEqualTo(LaserFlags.NEVER);
    }

    probe.run(Duration.ofSeconds(30));
    long failAt = probe.clock.millis();
    ActiveFault fail = probe.sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    HalSnapshot failed = probe.run(Duration.ofSeconds(20)).snapshot();
    LaserFlags f1 = failed.laserFlags();
    assertThat(f1.active(i, ElsFlag.FAULT)).isTrue();
    assertThat(f1.changeCount(i, ElsFlag.FAULT)).isEqualTo(1);
    assertThat(f1.lastSetMillis(i, ElsFlag.FAULT)).isEqualTo(failAt);
    assertThat(f1.lastClearMillis(i, ElsFlag.FAULT)).isEqualTo(LaserFlags.NEVER);
    // A dark laser reads low bias and low power too, as a dark ELSFP lane does.
    assertThat(f1.active(i, ElsFlag.POWER_LOW_ALARM)).isTrue();
    assertThat(f1.active(i, ElsFlag.BIAS_LOW_ALARM)).isTrue();
    // Its neighbours are untouched.
    assertThat(f1.changeCount(i + 1, ElsFlag.FAULT)).isZero();

    long clearAt = probe.clock.millis();
    probe.sim.faults().clear(fail.id());
    // Two more sets and clears with no snapshot in between: the hardware counts them all the same.
    probe.run(Duration.ofSeconds(20));
    ActiveFault again = probe.sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    probe.run(Duration.ofSeconds(20));
    long lastClear = probe.clock.millis();
    probe.sim.faults().clear(again.id());
    LaserFlags f2 = probe.run(Duration.ofSeconds(20)).snapshot().laserFlags();
    assertThat(f2.active(i, ElsFlag.FAULT)).isFalse();
    assertThat(f2.changeCount(i, ElsFlag.FAULT)).as("set, clear, set, clear").isEqualTo(4);
    assertThat(f2.lastClearMillis(i, ElsFlag.FAULT)).isEqualTo(lastClear);
    assertThat(f2.lastSetMillis(i, ElsFlag.FAULT)).isEqualTo(clearAt + 20_000);
    assertThat(f2.changeCount(i, ElsFlag.POWER_LOW_ALARM)).isEqualTo(4);
  }

  @Test
  void aDriftingBiasSetsTheWarningBeforeTheAlarmAndAnInsertedModuleStartsItsFlagHistoryAgain() throws Exception {
    int i = laser("els3/laser5", probe.snapshot());
    probe.sim.faults().inject(new FaultRequest("laser-degradation", "els3/laser5",
        java.util.Map.of("driftPercentPerDay", 200.0)));
    LaserFlags worn = probe.run(Duration.ofHours(12)).snapshot().laserFlags();
    assertThat(worn.active(i, ElsFlag.BIAS_HIGH_WARNING)).isTrue();
    assertThat(worn.active(i, ElsFlag.BIAS_HIGH_ALARM)).isTrue();
    assertThat(worn.lastSetMillis(i, ElsFlag.BIAS_HIGH_WARNING))
        .isLessThan(worn.lastSetMillis(i, ElsFlag.BIAS_HIGH_ALARM));

    probe.sim.faults().inject(FaultRequest.of("els-removal", "els3"));
    probe.run(Duration.ofSeconds(5));
    probe.sim.faults().inject(FaultRequest.of("els-insertion", "els3"));
    LaserFlags fresh = probe.run(Duration.ofSeconds(30)).snapshot().laserFlags();
    for (ElsFlag flag : ElsFlag.values()) {
      assertThat(fresh.changeCount(i, flag)).as(flag.key()).isZero();
      assertThat(fresh.active(i, flag)).as(flag.key()).isFalse();
    }
  }

  @Test
  void aLaserModuleShutDownByCommandTurnsItsLasersAndTecsOffAndARestartRampsThemBack() throws Exception {
    probe.sim.setLaserModuleShutdown("els3", true);
    HalSnapshot off = probe.run(Duration.ofSeconds(5)).snapshot();
    assertThat(off.entityStatus("els3").state()).isEqualTo(OperState.DISABLED);
    assertThat(off.entityStatus("els3/laser1").faultCode()).isEqualTo("module-shutdown");
    for (int l = 0; l < 8; l++) {
      assertThat(probe.sim.state.laserTecPercent[16 + l]).as("TEC off").isZero();
      assertThat(probe.sim.state.laserPowerMilliwatts[16 + l]).isZero();
    }
    assertThat(probe.sim.state.moduleWatts[2]).isEqualTo(probe.sim.topology().profile.laserModules().electronicsWatts());
    // A shut-down module is not a faulty one: no fault flag.
    assertThat(off.laserFlags().active(16, ElsFlag.FAULT)).isFalse();

    probe.sim.setLaserModuleShutdown("els3", false);
    LaserSpec ls = probe.sim.topology().profile.lasers();
    assertThat(probe.runSeconds(ls.rampSeconds() / 2).snapshot().entityStatus("els3/laser1").state())
        .isEqualTo(OperState.RAMPING);
    HalSnapshot back = probe.run(Duration.ofSeconds(10)).snapshot();
    assertThat(back.entityStatus("els3").state()).isEqualTo(OperState.UP);
    assertThat(back.entityStatus("port17").state()).isEqualTo(OperState.UP);
  }

  @Test
  void aRestartAfterACaseShutdownIsRefusedWhileTheCaseIsAboveItsWarningLevelAndAllowedOnceBelow() throws Exception {
    probe.sim.faults().inject(FaultRequest.of("fan-failure", "fan1"));
    probe.sim.faults().inject(FaultRequest.of("fan-failure", "fan2"));
    HalSnapshot hot = probe.snapshot();
    for (int s = 0; s < 1800 && hot.entityStatus("els3").state() != OperState.FAILED; s += 10) {
      hot = probe.run(Duration.ofSeconds(10)).snapshot();
    }
    assertThat(hot.entityStatus("els3").faultCode()).isEqualTo("case-overtemp-shutdown");
    double warning = probe.sim.topology().profile.moduleThresholds().caseTempHighWarningCelsius();
    assertThat(probe.sim.state.caseTemp[2]).isGreaterThan(warning);
    assertThatThrownBy(() -> probe.sim.setLaserModuleShutdown("els3", false)).isInstanceOf(HalException.class)
        .hasMessageContaining("els3").hasMessageContaining("warning level");
    assertThat(probe.snapshot().entityStatus("els3").state()).isEqualTo(OperState.FAILED);

    // With only its controller drawing, it cools below its warning level even with both fans stopped.
    HalSnapshot cool = probe.run(Duration.ofMinutes(15)).snapshot();
    assertThat(probe.sim.state.caseTemp[2]).isLessThan(warning);
    assertThat(cool.entityStatus("els3").state()).as("cool, still latched").isEqualTo(OperState.FAILED);
    probe.sim.setLaserModuleShutdown("els3", false);
    assertThat(probe.run(Duration.ofSeconds(10)).snapshot().entityStatus("els3").state()).isEqualTo(OperState.UP);
  }

  private void setLaser(String laser, boolean on) {
    try {
      probe.sim.setLaserEnabled(laser, on);
    } catch (HalException e) {
      throw new IllegalStateException(e);
    }
  }
}
