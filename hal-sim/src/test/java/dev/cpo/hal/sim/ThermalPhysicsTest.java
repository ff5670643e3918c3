package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.profile.Profile;
import dev.cpo.hal.sim.profile.ProfileLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Load -> power -> heat through first-order thermal models fed by the coolant. */
class ThermalPhysicsTest {

  private static final Profile PROFILE = new ProfileLoader().load("quantum-x-photonics-115t");

  @Test
  void theExponentialStepDoesNotDependOnHowTimeIsCut() {
    double oneStep = Thermal.relax(40, 80, 30, 20);
    double manySteps = 40;
    for (int i = 0; i < 300; i++) {
      manySteps = Thermal.relax(manySteps, 80, 0.1, 20);
    }
    assertThat(manySteps).isCloseTo(oneStep, within(1e-9));
  }

  @Test
  void losingCoolantFlowHeatsAsicsAndEnginesWithTheModelsTimeConstant() {
    Probe probe = Probe.defaultSwitch();
    double asicTau = PROFILE.asics().timeConstantSeconds();
    double engineTau = PROFILE.opticalEngines().timeConstantSeconds();
    double asic0 = probe.value("asic1", SensorKind.TEMPERATURE);
    double engine0 = probe.value("oe1", SensorKind.TEMPERATURE);
    double otherLoopAsic0 = probe.value("asic3", SensorKind.TEMPERATURE);

    probe.sim.faults().inject(FaultRequest.of("coolant-flow-loss", "loop1"));
    double engineAtTau = probe.runSeconds(engineTau).value("oe1", SensorKind.TEMPERATURE);
    double asicAtTau = probe.runSeconds(asicTau - engineTau).value("asic1", SensorKind.TEMPERATURE);
    probe.runSeconds(20 * asicTau);
    double asicFinal = probe.value("asic1", SensorKind.TEMPERATURE);
    double engineFinal = probe.value("oe1", SensorKind.TEMPERATURE);

    assertThat(asicFinal - asic0).as("ASIC rise").isGreaterThan(10);
    assertThat(engineFinal - engine0).as("engine rise").isGreaterThan(3);
    // After one time constant a first-order system has covered 1 - 1/e = 63.2 % of its step.
    assertThat((asicAtTau - asic0) / (asicFinal - asic0)).isCloseTo(1 - Math.exp(-1), within(0.03));
    assertThat((engineAtTau - engine0) / (engineFinal - engine0)).isCloseTo(1 - Math.exp(-1), within(0.05));
    // loop2's ASICs do not notice.
    assertThat(probe.value("asic3", SensorKind.TEMPERATURE)).isCloseTo(otherLoopAsic0, within(0.5));
    assertThat(probe.value("loop1", SensorKind.COOLANT_FLOW)).isCloseTo(4.3 * 0.4, within(0.1));
  }

  @Test
  void moreLoadMeansMoreAsicPowerAndAHotterAsic() {
    Probe probe = Probe.defaultSwitch();
    double watts = probe.value("asic1", SensorKind.POWER);
    double temp = probe.value("asic1", SensorKind.TEMPERATURE);
    probe.sim.setLoad(1.0);
    probe.run(Duration.ofMinutes(10));
    assertThat(probe.value("asic1", SensorKind.POWER)).isGreaterThan(watts + 50);
    assertThat(probe.value("asic1", SensorKind.TEMPERATURE)).isGreaterThan(temp + 3);
  }

  @Test
  void aHealthySwitchSitsInItsNominalRanges() {
    Probe probe = Probe.defaultSwitch();
    assertThat(probe.value("asic1", SensorKind.TEMPERATURE)).isBetween(75.0, 85.0);
    assertThat(probe.value("oe1", SensorKind.TEMPERATURE)).isBetween(50.0, 60.0);
    assertThat(probe.value("els1", SensorKind.TEMPERATURE)).isBetween(35.0, 45.0);
    assertThat(probe.value("els1/laser1", SensorKind.TEMPERATURE)).isCloseTo(45.0, within(0.2));
    assertThat(probe.value("els1/laser1", SensorKind.TEC_CURRENT)).isBetween(20.0, 40.0);
    assertThat(probe.value("els1/laser1", SensorKind.BIAS_CURRENT)).isBetween(340.0, 380.0);
    assertThat(probe.value("els1/laser1", SensorKind.TX_POWER)).isCloseTo(20.0, within(0.1));
    assertThat(probe.value("port1/lane1", SensorKind.RX_POWER)).isBetween(-1.6, -0.4);
    assertThat(probe.value("port1/lane1", SensorKind.PRE_FEC_BER)).isBetween(1e-9, 1e-6);
    double outletRise = probe.value("loop1", SensorKind.COOLANT_OUTLET_TEMPERATURE)
        - probe.value("loop1", SensorKind.COOLANT_INLET_TEMPERATURE);
    assertThat(outletRise).isBetween(4.0, 7.0);
    assertThat(probe.value("power1", SensorKind.POWER)).isBetween(3700.0, 4200.0);
  }
}
