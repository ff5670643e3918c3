package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.profile.LaserSpec;
import dev.cpo.hal.sim.profile.ProfileLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** APC lasers on TECs: what the bias, temperature and output power do. */
class LaserPhysicsTest {

  private static final String LASER = "els3/laser5";
  private final Probe probe = Probe.defaultSwitch();

  @Test
  void theModelsBiasRisesWithLaserTemperatureAsExpOfTOverT0() {
    LaserSpec spec = new ProfileLoader().load("quantum-x-photonics-115t").lasers();
    LaserModel laser = new LaserModel(spec);
    double previous = 0;
    for (double t = 25; t <= 80; t += 5) {
      double bias = laser.biasMilliamps(t, 0);
      assertThat(bias).isGreaterThan(previous);
      previous = bias;
    }
    // Only the threshold part grows with temperature: it grows by e over T0 kelvin.
    double thresholdAtSetpoint = laser.biasMilliamps(45, 0) - spec.outputMilliwatts() / spec.slopeMilliwattsPerMilliamp();
    double thresholdT0Above = laser.biasMilliamps(45 + spec.characteristicKelvin(), 0)
        - spec.outputMilliwatts() / spec.slopeMilliwattsPerMilliamp();
    assertThat(thresholdT0Above / thresholdAtSetpoint).isCloseTo(Math.E, within(1e-9));
  }

  @Test
  void biasRisesWithLaserTemperatureWhileOutputPowerHolds() {
    HalSnapshot before = probe.run(Duration.ofSeconds(1)).snapshot();
    // A failed TEC lets the laser run 25 K over its case.
    probe.sim.faults().inject(FaultRequest.of("els-tec-failure", LASER));
    HalSnapshot after = probe.run(Duration.ofMinutes(1)).snapshot();

    double tempBefore = Probe.value(before, LASER, SensorKind.TEMPERATURE);
    double tempAfter = Probe.value(after, LASER, SensorKind.TEMPERATURE);
    assertThat(tempAfter).isGreaterThan(tempBefore + 10);
    assertThat(Probe.value(after, LASER, SensorKind.BIAS_CURRENT))
        .isGreaterThan(Probe.value(before, LASER, SensorKind.BIAS_CURRENT) + 5);
    assertThat(Probe.value(after, LASER, SensorKind.TX_POWER))
        .isCloseTo(Probe.value(before, LASER, SensorKind.TX_POWER), within(0.1));
  }

  @Test
  void biasRisesWithAgeWhileOutputPowerHolds() {
    HalSnapshot before = probe.run(Duration.ofSeconds(1)).snapshot();
    probe.sim.faults().inject(new FaultRequest("laser-degradation", LASER, Map.of("driftPercentPerDay", 2.0)));

    List<Double> bias = new ArrayList<>();
    List<Double> age = new ArrayList<>();
    for (int day = 0; day < 10; day++) {
      HalSnapshot s = probe.run(Duration.ofDays(1)).snapshot();
      bias.add(Probe.value(s, LASER, SensorKind.BIAS_CURRENT));
      age.add(Probe.value(s, LASER, SensorKind.LASER_AGE));
      assertThat(Probe.value(s, LASER, SensorKind.TX_POWER)).isCloseTo(20.0, within(0.1));
      assertThat(Probe.value(s, LASER, SensorKind.TEMPERATURE)).isCloseTo(45.0, within(0.5));
    }
    assertThat(bias).isSortedAccordingTo(Double::compare);
    double bol = new ProfileLoader().load("quantum-x-photonics-115t").lasers().beginningOfLifeBiasMilliamps();
    // 2 %/day of beginning-of-life bias for 10 days: +70 mA.
    assertThat(bias.get(9) - Probe.value(before, LASER, SensorKind.BIAS_CURRENT)).isCloseTo(0.2 * bol, within(2.0));
    // 20 % more bias of the 50 % that is end of life: 40 points of age.
    assertThat(age.get(9) - Probe.value(before, LASER, SensorKind.LASER_AGE)).isCloseTo(40.0, within(1.5));
    assertThat(age).isSortedAccordingTo(Double::compare);
  }

  @Test
  void theTecHoldsLaserTemperatureUntilItSaturates() throws Exception {
    // Slowing both fans warms the laser modules' cases step by step. The sweep ends at 14 %: at 12 % the
    // case passes its 85 C limit and the module latches its lasers and TEC off (LatchedProtectionTest).
    List<double[]> points = new ArrayList<>();
    for (double fanPercent : new double[] {60, 40, 30, 22, 17, 14}) {
      probe.sim.setFanSpeedPercent("fan1", fanPercent);
      probe.sim.setFanSpeedPercent("fan2", fanPercent);
      HalSnapshot s = probe.run(Duration.ofMinutes(20)).snapshot();
      points.add(new double[] {
        Probe.value(s, "els3", SensorKind.TEMPERATURE),
        Probe.value(s, LASER, SensorKind.TEC_CURRENT),
        Probe.value(s, LASER, SensorKind.TEMPERATURE)
      });
    }
    boolean sawHolding = false;
    boolean sawSaturated = false;
    double lastSaturatedTemp = 0;
    for (double[] p : points) {
      double caseTemp = p[0];
      double tec = p[1];
      double laserTemp = p[2];
      if (tec < 99) {
        assertThat(laserTemp).as("held at case %.1f C, TEC %.1f %%", caseTemp, tec).isCloseTo(45.0, within(0.3));
        sawHolding |= caseTemp > 50;
      } else {
        assertThat(laserTemp).as("saturated at case %.1f C", caseTemp).isGreaterThan(45.5)
            .isGreaterThan(lastSaturatedTemp);
        lastSaturatedTemp = laserTemp;
        sawSaturated = true;
      }
    }
    assertThat(points).extracting(p -> p[0]).isSortedAccordingTo(Double::compare);
    assertThat(points).extracting(p -> p[1]).isSortedAccordingTo(Double::compare);
    assertThat(sawHolding).as("the TEC held a warm case").isTrue();
    assertThat(sawSaturated).as("the TEC saturated").isTrue();
  }
}
