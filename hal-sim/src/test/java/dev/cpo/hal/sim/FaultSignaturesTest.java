package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.FlagKind;
import dev.cpo.hal.HalException;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.OperState;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.Sensor;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.fault.FaultType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One test per fault type: what a lab tester sees when injecting it, and that clearing undoes it. */
class FaultSignaturesTest {

  private final Probe probe = Probe.defaultSwitch();

  private ActiveFault inject(String type, String target) {
    return probe.sim.faults().inject(FaultRequest.of(type, target));
  }

  private ActiveFault inject(String type, String target, String param, double value) {
    return probe.sim.faults().inject(new FaultRequest(type, target, Map.of(param, value)));
  }

  @Test
  void everyCatalogTypeHasASignatureTestHere() {
    Set<String> tested = java.util.Arrays.stream(getClass().getDeclaredMethods())
        .map(m -> m.getName()).collect(Collectors.toSet());
    for (FaultType t : FaultCatalog.types()) {
      String camel = java.util.Arrays.stream(t.name().split("-"))
          .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
      assertThat(tested).as("a test for %s", t.name()).anyMatch(n -> n.startsWith(
          Character.toLowerCase(camel.charAt(0)) + camel.substring(1)));
    }
  }

  @Test
  void laserDegradationRampsBiasAndAgeWhileOutputHolds() {
    double bias = probe.value("els5/laser2", SensorKind.BIAS_CURRENT);
    double age = probe.value("els5/laser2", SensorKind.LASER_AGE);
    ActiveFault f = inject("laser-degradation", "els5/laser2");
    probe.run(Duration.ofDays(4));
    // Default 5 %/day of 350 mA: +70 mA in 4 days.
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT) - bias).isCloseTo(70, within(3.0));
    assertThat(probe.value("els5/laser2", SensorKind.TX_POWER)).isCloseTo(20, within(0.1));
    assertThat(probe.value("els5/laser1", SensorKind.BIAS_CURRENT)).isCloseTo(bias, within(15.0));

    probe.sim.faults().clear(f.id());
    // Clearing takes back the fault's wear at once (natural aging of 4 days is ~0.04 mA), and it stays back.
    probe.run(Duration.ofSeconds(2));
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT)).isCloseTo(bias, within(1.0));
    assertThat(probe.value("els5/laser2", SensorKind.LASER_AGE)).isCloseTo(age, within(0.1));
    probe.run(Duration.ofDays(4));
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT)).isCloseTo(bias, within(1.0));
  }

  @Test
  void laserDegradationClearedTakesBackOnlyItsOwnWear() {
    double bias = probe.value("els5/laser2", SensorKind.BIAS_CURRENT);
    ActiveFault first = inject("laser-degradation", "els5/laser2");
    probe.run(Duration.ofDays(2));
    ActiveFault second = inject("laser-degradation", "els5/laser2", "driftPercentPerDay", 10);
    probe.run(Duration.ofDays(2));
    // 5 %/day for 4 days + 10 %/day for 2 days, of 350 mA: +70 and +70 mA.
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT) - bias).isCloseTo(140, within(5.0));

    probe.sim.faults().clear(first.id());
    probe.run(Duration.ofSeconds(2));
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT) - bias).isCloseTo(70, within(3.0));
    probe.sim.faults().clear(second.id());
    probe.run(Duration.ofSeconds(2));
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT)).isCloseTo(bias, within(1.0));
  }

  @Test
  void laserDegradationWearsTheLaserOnlyWhileItEmits() throws Exception {
    double bias = probe.value("els5/laser2", SensorKind.BIAS_CURRENT);
    inject("laser-degradation", "els5/laser2");
    probe.sim.setLaserEnabled("els5/laser2", false);
    probe.run(Duration.ofDays(4));
    probe.sim.setLaserEnabled("els5/laser2", true);
    probe.run(Duration.ofSeconds(2));
    assertThat(probe.value("els5/laser2", SensorKind.BIAS_CURRENT)).isCloseTo(bias, within(1.0));
  }

  @Test
  void laserFailureTakesDownItsFourLanesWithATxFaultWhileTheirReceiversStillGetTheFarEndsLight() {
    inject("laser-failure", "els1/laser2");
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(s.entityStatus("els1/laser2").state()).isEqualTo(OperState.FAILED);
    assertThat(s.entityStatus("els1").state()).isEqualTo(OperState.DEGRADED);
    for (int port = 5; port <= 8; port++) {
      assertThat(Probe.value(s, "port" + port + "/lane1", SensorKind.TX_POWER)).isEqualTo(-40);
      assertThat(Probe.value(s, "port" + port + "/lane1", SensorKind.RX_POWER)).isCloseTo(-1, within(0.6));
      assertThat(s.entityStatus("port" + port + "/lane1").faultCode()).isEqualTo("tx-fault+remote-fault");
      assertThat(s.entityStatus("port" + port).speedMbps()).isEqualTo(600_000);
    }
  }

  @Test
  void laserPowerDropLowersOutputAndLaneTxPowerButNotBiasNorTheLightReceivedFromTheFarEnd() {
    HalSnapshot before = probe.run(Duration.ofSeconds(1)).snapshot();
    inject("laser-power-drop", "els3/laser5");
    HalSnapshot after = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(Probe.value(after, "els3/laser5", SensorKind.TX_POWER)).isCloseTo(17, within(0.1));
    assertThat(Probe.value(after, "port17/lane3", SensorKind.TX_POWER))
        .isCloseTo(Probe.value(before, "port17/lane3", SensorKind.TX_POWER) - 3, within(0.15));
    assertThat(Probe.value(after, "port17/lane3", SensorKind.RX_POWER))
        .isCloseTo(Probe.value(before, "port17/lane3", SensorKind.RX_POWER), within(0.15));
    // The far end receives 3 dB less of our light: its BER rises, still locked, so no remote fault.
    assertThat(after.entityStatus("port17/lane3").state()).isEqualTo(OperState.UP);
    assertThat(Probe.value(after, "els3/laser5", SensorKind.BIAS_CURRENT))
        .isCloseTo(Probe.value(before, "els3/laser5", SensorKind.BIAS_CURRENT), within(1.5));
  }

  @Test
  void farEndTxFailureGivesLossOfSignalOnTheLaneWithItsOwnLaserHealthy() {
    ActiveFault f = inject("far-end-tx-failure", "port17/lane3");
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(Probe.value(s, "port17/lane3", SensorKind.RX_POWER)).isEqualTo(-40);
    assertThat(Probe.value(s, "port17/lane3", SensorKind.TX_POWER)).isCloseTo(2, within(0.6));
    assertThat(s.entityStatus("port17/lane3").faultCode()).isEqualTo("los");
    assertThat(s.entityStatus("els3/laser5").state()).isEqualTo(OperState.UP);
    assertThat(s.entityStatus("port18/lane3").state()).isEqualTo(OperState.UP);
    probe.sim.faults().clear(f.id());
    assertThat(probe.run(Duration.ofSeconds(1)).snapshot().entityStatus("port17/lane3").state()).isEqualTo(OperState.UP);
  }

  @Test
  void elsRemovalDarkensItsEightPorts() {
    inject("els-removal", "els18");
    HalSnapshot s = probe.snapshot();
    for (int port = 137; port <= 144; port++) {
      assertThat(s.entityStatus("port" + port).state()).isEqualTo(OperState.DOWN);
    }
    assertThat(s.entityStatus("port136").state()).isEqualTo(OperState.UP);
  }

  @Test
  void elsInsertionBringsANewModuleAtBeginningOfLife() {
    inject("laser-degradation", "els4/laser1", "driftPercentPerDay", 10);
    probe.run(Duration.ofDays(3));
    assertThat(probe.value("els4/laser1", SensorKind.LASER_AGE)).isGreaterThan(50);
    inject("els-removal", "els4");
    inject("els-insertion", "els4");
    probe.run(Duration.ofMinutes(10));
    assertThat(probe.value("els4/laser1", SensorKind.LASER_AGE)).isLessThan(11);
    assertThat(probe.sim.faults().active()).as("the old module's faults left with it").isEmpty();
    assertThat(probe.snapshot().entityStatus("port25").state()).isEqualTo(OperState.UP);
  }

  @Test
  void elsTecFailureLetsTheLaserRunHotAndLatchesATecFault() throws Exception {
    List<String> interrupts = new ArrayList<>();
    probe.sim.setInterruptListener(interrupts::add);
    ActiveFault f = inject("els-tec-failure", "els2");
    assertThat(interrupts).contains("els2");
    assertThat(probe.sim.readAndClearFlags("els2")).filteredOn(fl -> fl.kind() == FlagKind.TEC_FAULT).hasSize(8);

    probe.run(Duration.ofMinutes(1));
    double caseTemp = probe.value("els2", SensorKind.TEMPERATURE);
    assertThat(probe.value("els2/laser3", SensorKind.TEC_CURRENT)).isZero();
    assertThat(probe.value("els2/laser3", SensorKind.TEMPERATURE)).isCloseTo(caseTemp + 25, within(1.0));
    assertThat(probe.sim.readAndClearFlags("els2")).extracting(LatchedFlag::kind)
        .contains(FlagKind.TEMPERATURE_HIGH_WARNING, FlagKind.TEMPERATURE_HIGH_ALARM);

    probe.sim.faults().clear(f.id());
    probe.run(Duration.ofMinutes(1));
    assertThat(probe.value("els2/laser3", SensorKind.TEMPERATURE)).isCloseTo(45, within(0.3));
  }

  @Test
  void oeOvertempHeatsTheEngineAndPastTheRingLimitRaisesItsLanesBer() throws Exception {
    double temp = probe.value("oe39", SensorKind.TEMPERATURE);
    double ber = probe.value("port17/lane3", SensorKind.PRE_FEC_BER);
    inject("oe-overtemp", "oe39");
    probe.run(Duration.ofMinutes(5));
    assertThat(probe.value("oe39", SensorKind.TEMPERATURE) - temp).isCloseTo(25, within(0.5));
    assertThat(probe.value("port17/lane3", SensorKind.PRE_FEC_BER)).isGreaterThan(ber * 100);
    assertThat(probe.value("oe40", SensorKind.TEMPERATURE)).isLessThan(60);
    assertThat(probe.sim.readAndClearFlags("oe39")).extracting(LatchedFlag::kind)
        .contains(FlagKind.TEMPERATURE_HIGH_WARNING, FlagKind.TEMPERATURE_HIGH_ALARM);
  }

  @Test
  void asicOvertempHeatsTheAsic() {
    double temp = probe.value("asic2", SensorKind.TEMPERATURE);
    ActiveFault f = inject("asic-overtemp", "asic2", "extraKelvin", 30);
    probe.run(Duration.ofMinutes(10));
    assertThat(probe.value("asic2", SensorKind.TEMPERATURE) - temp).isCloseTo(30, within(0.5));
    probe.sim.faults().clear(f.id());
    probe.run(Duration.ofMinutes(10));
    assertThat(probe.value("asic2", SensorKind.TEMPERATURE)).isCloseTo(temp, within(0.5));
  }

  @Test
  void asicOvertempPastTheHardwareLimitShutsTheAsicDown() {
    inject("asic-overtemp", "asic2", "extraKelvin", 60);
    HalSnapshot s = probe.run(Duration.ofMinutes(10)).snapshot();
    assertThat(s.entityStatus("asic2").state()).isEqualTo(OperState.FAILED);
    assertThat(s.entityStatus("asic2").faultCode()).isEqualTo("thermal-shutdown");
    // Multi-plane: every port loses its lane 2.
    assertThat(s.entityStatus("port1").speedMbps()).isEqualTo(600_000);
    assertThat(s.entityStatus("port1/lane2").state()).isEqualTo(OperState.DOWN);
  }

  @Test
  void coolantFlowLossCutsFlowAndHeatsTheLoopsAsics() {
    double temp = probe.value("asic1", SensorKind.TEMPERATURE);
    inject("coolant-flow-loss", "loop1", "lossPercent", 70);
    HalSnapshot s = probe.run(Duration.ofMinutes(10)).snapshot();
    assertThat(Probe.value(s, "loop1", SensorKind.COOLANT_FLOW)).isCloseTo(1.29, within(0.05));
    assertThat(s.entityStatus("loop1").state()).isEqualTo(OperState.DEGRADED);
    assertThat(Probe.value(s, "asic1", SensorKind.TEMPERATURE)).isGreaterThan(temp + 15);
    assertThat(Probe.value(s, "loop1", SensorKind.COOLANT_OUTLET_TEMPERATURE)).isGreaterThan(60);
  }

  @Test
  void coolantInletTempRaisesTheInletAndEverythingOnTheLoop() {
    double temp = probe.value("asic1", SensorKind.TEMPERATURE);
    inject("coolant-inlet-temp", "loop1", "inletCelsius", 55);
    probe.run(Duration.ofMinutes(10));
    assertThat(probe.value("loop1", SensorKind.COOLANT_INLET_TEMPERATURE)).isCloseTo(55, within(0.2));
    assertThat(probe.value("asic1", SensorKind.TEMPERATURE) - temp).isCloseTo(10, within(0.5));
    assertThat(probe.value("loop2", SensorKind.COOLANT_INLET_TEMPERATURE)).isCloseTo(45, within(0.2));
  }

  @Test
  void fanFailureStopsTheFanAndWarmsTheLaserModules() {
    double caseTemp = probe.value("els1", SensorKind.TEMPERATURE);
    inject("fan-failure", "fan1");
    HalSnapshot s = probe.run(Duration.ofMinutes(15)).snapshot();
    assertThat(s.entityStatus("fan1").state()).isEqualTo(OperState.FAILED);
    assertThat(Probe.value(s, "fan1", SensorKind.FAN_SPEED)).isLessThan(50);
    assertThat(Probe.value(s, "fan2", SensorKind.FAN_SPEED)).isGreaterThan(13_000);
    assertThat(Probe.value(s, "els1", SensorKind.TEMPERATURE)).isGreaterThan(caseTemp + 3);
  }

  @Test
  void fiberCutDarkensOneLaneOrAWholePort() {
    inject("fiber-cut", "port42/lane3");
    inject("fiber-cut", "port43");
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(Probe.value(s, "port42/lane3", SensorKind.RX_POWER)).isEqualTo(-40);
    assertThat(Probe.value(s, "port42/lane3", SensorKind.TX_POWER)).isGreaterThan(1);
    assertThat(s.entityStatus("port42").state()).isEqualTo(OperState.DEGRADED);
    assertThat(s.entityStatus("port42").speedMbps()).isEqualTo(600_000);
    assertThat(s.entityStatus("port43").state()).isEqualTo(OperState.DOWN);
    assertThat(s.entityStatus("port43").faultCode()).isEqualTo("lane1:los lane2:los lane3:los lane4:los");
  }

  @Test
  void fiberCutTowardsTheFarEndLeavesOurLightArrivingAndBringsARemoteFault() {
    probe.sim.faults().inject(new FaultRequest("fiber-cut", "port42/lane3", Map.of(), Map.of("direction", "tx")));
    probe.sim.faults().inject(new FaultRequest("fiber-cut", "port43/lane1", Map.of(), Map.of("direction", "rx")));
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(Probe.value(s, "port42/lane3", SensorKind.RX_POWER)).isGreaterThan(-3);
    assertThat(s.entityStatus("port42/lane3").faultCode()).isEqualTo("remote-fault");
    assertThat(Probe.value(s, "port43/lane1", SensorKind.RX_POWER)).isEqualTo(-40);
    assertThat(s.entityStatus("port43/lane1").faultCode()).isEqualTo("los");
  }

  @Test
  void fiberDirtyAddsLossAndCombinedFaultsAddUp() {
    double rx = probe.value("port42/lane3", SensorKind.RX_POWER);
    ActiveFault first = inject("fiber-dirty", "port42/lane3", "lossDb", 1.0);
    inject("fiber-dirty", "port42/lane3", "lossDb", 2.0);
    probe.run(Duration.ofSeconds(1));
    assertThat(probe.value("port42/lane3", SensorKind.RX_POWER)).isCloseTo(rx - 3, within(0.1));
    probe.sim.faults().clear(first.id());
    probe.run(Duration.ofSeconds(1));
    assertThat(probe.value("port42/lane3", SensorKind.RX_POWER)).isCloseTo(rx - 2, within(0.1));
  }

  @Test
  void berDegradationMultipliesBerAtUnchangedPower() {
    HalSnapshot before = probe.run(Duration.ofSeconds(1)).snapshot();
    inject("ber-degradation", "port42/lane3", "factor", 1000);
    HalSnapshot after = probe.run(Duration.ofSeconds(10)).snapshot();
    double ratio = Probe.value(after, "port42/lane3", SensorKind.PRE_FEC_BER)
        / Probe.value(before, "port42/lane3", SensorKind.PRE_FEC_BER);
    assertThat(ratio).isBetween(800.0, 1250.0);
    assertThat(Probe.value(after, "port42/lane3", SensorKind.RX_POWER))
        .isCloseTo(Probe.value(before, "port42/lane3", SensorKind.RX_POWER), within(0.1));
    assertThat(after.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 3))
        .isGreaterThan(after.laneCounter(CounterKind.FEC_CORRECTED_CODEWORDS, 42, 2) * 100);
  }

  @Test
  void sensorStuckFreezesTheValueButNotTheTimeStamp() {
    Sensor temp = probe.sim.inventory().sensor("asic1", SensorKind.TEMPERATURE).orElseThrow();
    HalSnapshot before = probe.snapshot();
    inject("sensor-stuck", "asic1");
    inject("asic-overtemp", "asic1");
    HalSnapshot after = probe.run(Duration.ofMinutes(10)).snapshot();
    assertThat(after.value(temp.index())).isEqualTo(before.value(temp.index()));
    assertThat(after.timestampMillis(temp.index())).isGreaterThan(before.timestampMillis(temp.index()));
    assertThat(after.status(temp.index())).isEqualTo(ReadingStatus.OK);
    assertThat(Probe.value(after, "asic2", SensorKind.TEMPERATURE)).isNotEqualTo(Probe.value(before, "asic2",
        SensorKind.TEMPERATURE));
  }

  @Test
  void sensorNoiseWidensTheSpreadOfReadings() {
    double quiet = spread("oe5");
    inject("sensor-noise", "oe5", "factor", 50);
    assertThat(spread("oe5")).isGreaterThan(quiet * 10);
  }

  private double spread(String entity) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < 40; i++) {
      double v = probe.run(Duration.ofSeconds(1)).value(entity, SensorKind.TEMPERATURE);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }

  @Test
  void sensorReadErrorMakesReadingsUnavailableAndModuleFlagsUnreadable() {
    inject("sensor-read-error", "els3");
    HalSnapshot s = probe.snapshot();
    for (String entity : new String[] {"els3", "els3/laser5"}) {
      for (Sensor sensor : s.inventory().sensorsOf(entity)) {
        assertThat(s.status(sensor.index())).as(sensor.id()).isEqualTo(ReadingStatus.UNAVAILABLE);
      }
    }
    int other = s.inventory().sensor("els4/laser5", SensorKind.BIAS_CURRENT).orElseThrow().index();
    assertThat(s.status(other)).isEqualTo(ReadingStatus.OK);
    assertThatThrownBy(() -> probe.sim.readAndClearFlags("els3")).isInstanceOf(HalException.class)
        .hasMessageContaining("els3");
  }

  @Test
  void sensorReadErrorOnTheChassisFailsTheWholeSnapshotUntilCleared() throws Exception {
    ActiveFault f = inject("sensor-read-error", "chassis");
    assertThatThrownBy(probe.sim::snapshot).isInstanceOf(HalException.class).hasMessageContaining("chassis");
    probe.sim.faults().clear(f.id());
    assertThat(probe.sim.snapshot().sensorCount()).isPositive();
  }

  @Test
  void halLatencyMakesEachSnapshotTakeAtLeastTheDelay() throws Exception {
    inject("hal-latency", "chassis", "delayMs", 60);
    long start = System.nanoTime();
    probe.sim.snapshot();
    assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(60);
    // Simulated time is the clock's, not the wall's: the delay does not age the switch.
    assertThat(probe.snapshot().timeMillis()).isEqualTo(probe.clock.millis());
  }
}
