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
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The controls the agent may use have physical effects. */
class ControlsTest {

  private final Probe probe = Probe.defaultSwitch();

  @Test
  void disablingALaserDarkensItsLanesWithoutCallingItAFault() throws Exception {
    probe.sim.setLaserEnabled("els3/laser5", false);
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    assertThat(s.entityStatus("els3/laser5").state()).isEqualTo(OperState.DISABLED);
    assertThat(s.entityStatus("els3/laser5").adminUp()).isFalse();
    assertThat(s.entityStatus("port17").speedMbps()).isEqualTo(600_000);
    assertThat(Probe.value(s, "els3/laser5", SensorKind.TX_POWER)).isEqualTo(-40);
    assertThat(probe.sim.readAndClearFlags("els3")).extracting(LatchedFlag::kind).doesNotContain(FlagKind.LASER_FAULT);

    probe.sim.setLaserEnabled("els3/laser5", true);
    // Re-enabled, the laser ramps (RAMPING) and its lanes train before the ports are whole again.
    HalSnapshot ramping = probe.snapshot();
    assertThat(ramping.entityStatus("els3/laser5").state()).isEqualTo(OperState.RAMPING);
    assertThat(ramping.entityStatus("port17").speedMbps()).isEqualTo(600_000);
    assertThat(probe.run(Duration.ofSeconds(5)).snapshot().entityStatus("port17").speedMbps()).isEqualTo(800_000);
  }

  @Test
  void aPortAdministrativelyDownCarriesNoTrafficAndRaisesNoLossOfSignal() throws Exception {
    probe.sim.setPortAdminUp("port42", false);
    HalSnapshot a = probe.snapshot();
    HalSnapshot b = probe.run(Duration.ofSeconds(10)).snapshot();
    assertThat(b.entityStatus("port42").state()).isEqualTo(OperState.DOWN);
    assertThat(b.entityStatus("port42").adminUp()).isFalse();
    assertThat(b.portCounter(CounterKind.TX_OCTETS, 42)).isEqualTo(a.portCounter(CounterKind.TX_OCTETS, 42));
    assertThat(b.portCounter(CounterKind.TX_OCTETS, 41)).isGreaterThan(a.portCounter(CounterKind.TX_OCTETS, 41));
    for (int oe = 1; oe <= 72; oe++) {
      assertThat(probe.sim.readAndClearFlags("oe" + oe)).extracting(LatchedFlag::kind)
          .doesNotContain(FlagKind.LOSS_OF_SIGNAL);
    }
  }

  @Test
  void shuttingAnAsicDownCutsItsPowerCoolsItAndTakesItsPlaneFromEveryPort() throws Exception {
    double coolant = probe.value("loop1", SensorKind.COOLANT_INLET_TEMPERATURE);
    probe.sim.setAsicShutdown("asic2", true);
    HalSnapshot s = probe.run(Duration.ofMinutes(10)).snapshot();
    assertThat(s.entityStatus("asic2").state()).isEqualTo(OperState.DISABLED);
    assertThat(Probe.value(s, "asic2", SensorKind.POWER)).isZero();
    assertThat(Probe.value(s, "asic2", SensorKind.TEMPERATURE)).isCloseTo(coolant, within(5.0));
    assertThat(s.entityStatus("oe19").state()).isEqualTo(OperState.DISABLED);
    for (int port = 1; port <= 144; port++) {
      assertThat(s.entityStatus("port" + port).speedMbps()).isEqualTo(600_000);
    }

    probe.sim.setAsicShutdown("asic2", false);
    assertThat(probe.snapshot().entityStatus("port1").speedMbps()).isEqualTo(800_000);
  }

  @Test
  void fansAtFullSpeedCoolTheLaserModules() throws Exception {
    double caseTemp = probe.value("els1", SensorKind.TEMPERATURE);
    probe.sim.setFanSpeedPercent("fan1", 100);
    probe.sim.setFanSpeedPercent("fan2", 100);
    probe.run(Duration.ofMinutes(15));
    assertThat(probe.value("fan1", SensorKind.FAN_SPEED)).isCloseTo(23_000, within(100.0));
    assertThat(probe.value("els1", SensorKind.TEMPERATURE)).isLessThan(caseTemp - 1);
  }

  @Test
  void aFailedFanStaysStoppedWhateverItIsAsked() throws Exception {
    probe.sim.faults().inject(FaultRequest.of("fan-failure", "fan1"));
    probe.sim.setFanSpeedPercent("fan1", 100);
    assertThat(probe.run(Duration.ofMinutes(1)).value("fan1", SensorKind.FAN_SPEED)).isLessThan(50);
  }

  @Test
  void controlsRefuseUnknownOrWrongEntitiesAndAbsentModules() {
    assertThatThrownBy(() -> probe.sim.setLaserEnabled("els99/laser1", false)).isInstanceOf(HalException.class)
        .hasMessageContaining("els99/laser1");
    assertThatThrownBy(() -> probe.sim.setAsicShutdown("port1", true)).isInstanceOf(HalException.class)
        .hasMessageContaining("port1").hasMessageContaining("asic");
    assertThatThrownBy(() -> probe.sim.setFanSpeedPercent("fan1", 120)).isInstanceOf(HalException.class)
        .hasMessageContaining("120");
    probe.sim.faults().inject(FaultRequest.of("els-removal", "els3"));
    assertThatThrownBy(() -> probe.sim.setLaserEnabled("els3/laser5", true)).isInstanceOf(HalException.class)
        .hasMessageContaining("absent");
    assertThatThrownBy(() -> probe.sim.readAndClearFlags("port1")).isInstanceOf(HalException.class);
  }
}
