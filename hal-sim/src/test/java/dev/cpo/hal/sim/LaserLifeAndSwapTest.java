package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.sim.profile.Profile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A laser's real life (new, aged into its driver's ceiling) and a module swapped for a new one. */
class LaserLifeAndSwapTest {

  private final Probe probe = Probe.defaultSwitch();
  private final Profile profile = probe.sim.topology().profile;

  @Test
  void aNewLasersAgeIsZeroAndItsManufacturingSpreadIsAStartingBiasOffsetNotAge() {
    HalSnapshot s = probe.run(Duration.ofSeconds(1)).snapshot();
    double minBias = Double.MAX_VALUE;
    double maxBias = 0;
    for (int l = 1; l <= 8; l++) {
      assertThat(Probe.value(s, "els5/laser" + l, SensorKind.LASER_AGE)).as("laser %d age", l).isZero();
      double bias = Probe.value(s, "els5/laser" + l, SensorKind.BIAS_CURRENT);
      minBias = Math.min(minBias, bias);
      maxBias = Math.max(maxBias, bias);
    }
    // 5 % spread of 350 mA: the lasers differ by up to ~17 mA, all at age 0.
    assertThat(maxBias - minBias).isBetween(2.0, 20.0);

    probe.sim.faults().inject(FaultRequest.of("els-removal", "els5"));
    probe.sim.faults().inject(FaultRequest.of("els-insertion", "els5"));
    HalSnapshot after = probe.run(Duration.ofSeconds(30)).snapshot();
    for (int l = 1; l <= 8; l++) {
      assertThat(Probe.value(after, "els5/laser" + l, SensorKind.LASER_AGE)).as("new laser %d age", l).isZero();
    }
  }

  @Test
  void aLaserDrivenIntoItsCurrentCeilingSagsInPowerAndTheFarEndsBerRisesBeforeTheLinkFails() {
    String laser = "els3/laser5";
    int i = 2 * 8 + 4;
    int q = probe.sim.topology().laserLanes[i][0];
    probe.sim.faults().inject(new FaultRequest("laser-degradation", laser, Map.of("driftPercentPerDay", 5.0)));
    double ceiling = profile.lasers().maxBiasMilliamps();
    double firstAtCeilingDay = -1;
    double farRxAtCeiling = 0;
    double previousPower = Double.MAX_VALUE;
    boolean sagged = false;
    int remoteFaultDay = -1;
    for (int day = 3; day <= 60 && remoteFaultDay < 0; day += 3) {
      HalSnapshot s = probe.run(Duration.ofDays(3)).snapshot();
      double bias = probe.sim.state.laserBiasMilliamps[i];
      double power = probe.sim.state.laserPowerMilliwatts[i];
      assertThat(bias).as("bias never passes the driver's ceiling").isLessThanOrEqualTo(ceiling + 1e-9);
      if (bias >= ceiling - 1e-9) {
        if (firstAtCeilingDay < 0) {
          firstAtCeilingDay = day;
          farRxAtCeiling = probe.sim.state.laneFarRxMilliwatts[q];
        } else {
          assertThat(power).as("power sags from one reading to the next at the ceiling").isLessThan(previousPower);
          sagged |= power < profile.lasers().outputMilliwatts() * 0.9;
        }
      } else {
        assertThat(power).as("under APC the power holds").isCloseTo(profile.lasers().outputMilliwatts(), within(1e-6));
      }
      previousPower = power;
      if (s.entityStatus("port17/lane3").faultCode().contains("remote-fault")) {
        remoteFaultDay = day;
      }
    }
    // 5 %/day from 350 mA reaches 600 mA in about two weeks; the sag then costs the far end its lock.
    assertThat(firstAtCeilingDay).isBetween(8.0, 21.0);
    assertThat(sagged).isTrue();
    assertThat(remoteFaultDay).as("the link fails only after the sag").isGreaterThan((int) firstAtCeilingDay);
    assertThat(probe.sim.state.laneFarRxMilliwatts[q]).isLessThan(farRxAtCeiling / 2);
  }

  @Test
  void anInsertedModuleHasANewSerialAndFirmwareAndItsPortsReturnOnlyAfterInitRampAndLinkUp() {
    int els3 = probe.sim.inventory().require("els3").index();
    HalSnapshot before = probe.snapshot();
    String oldSerial = before.serialNumber(els3);
    assertThat(oldSerial).isEqualTo(probe.sim.inventory().require("els3").serialNumber()).startsWith("EL");
    assertThat(before.firmwareRevision(els3)).isEqualTo("1.2.0");

    probe.sim.faults().inject(FaultRequest.of("els-removal", "els3"));
    probe.run(Duration.ofSeconds(10));
    probe.sim.faults().inject(FaultRequest.of("els-insertion", "els3"));
    long inserted = probe.clock.millis();
    HalSnapshot now = probe.snapshot();
    assertThat(now.serialNumber(els3)).startsWith("EL26").isNotEqualTo(oldSerial);
    assertThat(now.firmwareRevision(els3)).isEqualTo("1.3.1");
    assertThat(now.entityStatus("els3/laser1").state()).isEqualTo(OperState.RAMPING);
    assertThat(now.entityStatus("port17/lane1").faultCode()).isEqualTo("initialising");

    long init = Math.round(profile.ports().moduleInitSeconds() * 1000);
    long ramp = Math.round(profile.lasers().rampSeconds() * 1000);
    long linkUp = Math.round(profile.ports().linkUpSeconds() * 1000);
    long upAt = -1;
    boolean rampedThroughHalfPower = false;
    for (long t = 250; t <= 15_000 && upAt < 0; t += 250) {
      probe.run(Duration.ofMillis(250));
      HalSnapshot s = probe.snapshot();
      double power = probe.sim.state.laserPowerMilliwatts[2 * 8];
      if (t < init) {
        assertThat(power).as("dark while the module initialises").isZero();
      }
      rampedThroughHalfPower |= power > 0 && power < profile.lasers().outputMilliwatts() * 0.75;
      if (s.entityStatus("port17").state() == OperState.UP) {
        upAt = probe.clock.millis() - inserted;
      }
    }
    assertThat(rampedThroughHalfPower).isTrue();
    assertThat(upAt).isEqualTo(init + ramp + linkUp).isLessThanOrEqualTo(10_000);
  }
}
