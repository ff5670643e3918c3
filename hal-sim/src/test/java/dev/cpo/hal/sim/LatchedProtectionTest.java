package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.OperState;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Protection the hardware latches: it stays off until restarted, never cycles, and draws what it reports. */
class LatchedProtectionTest {

  private final Probe probe = Probe.defaultSwitch();

  @Test
  void anAsicThermalTripStaysOffWithNoLimitCycleAndItsReportedStateMatchesThePowerItDraws() throws Exception {
    ActiveFault flow = probe.sim.faults().inject(new FaultRequest("coolant-flow-loss", "loop1",
        Map.of("lossPercent", 100.0)));
    int trips = 0;
    OperState previous = OperState.UP;
    double peak = 0;
    for (int s = 0; s < 600; s += 5) {
      HalSnapshot snap = probe.run(Duration.ofSeconds(5)).snapshot();
      OperState st = snap.entityStatus("asic1").state();
      peak = Math.max(peak, probe.sim.state.asicTemp[0]);
      if (st == OperState.FAILED && previous != OperState.FAILED) {
        trips++;
        assertThat(snap.entityStatus("asic1").faultCode()).isEqualTo("thermal-shutdown");
      }
      // The state reported and the power drawn agree at every read.
      if (st == OperState.FAILED) {
        assertThat(probe.sim.state.asicWatts[0]).as("a tripped ASIC draws nothing").isZero();
        // Loop 1 cools asic1 and asic2: both planes of port 1 they serve are dark, at most 400G left.
        assertThat(snap.entityStatus("port1").speedMbps()).isLessThanOrEqualTo(600_000);
      } else {
        assertThat(probe.sim.state.asicWatts[0]).isPositive();
      }
      previous = st;
    }
    assertThat(trips).as("one trip in 10 minutes, no limit cycle").isEqualTo(1);
    assertThat(previous).isEqualTo(OperState.FAILED);
    assertThat(peak).as("it stops heating at the trip").isLessThan(140);

    probe.sim.faults().clear(flow.id());
    probe.run(Duration.ofMinutes(5));
    assertThat(probe.snapshot().entityStatus("asic1").state()).as("cooled, still latched").isEqualTo(OperState.FAILED);
    probe.sim.setAsicShutdown("asic1", false);
    assertThat(probe.run(Duration.ofSeconds(1)).snapshot().entityStatus("asic1").state()).isEqualTo(OperState.UP);
  }

  @Test
  void aLaserModuleOverItsCaseLimitShutsItsLasersAndTecDownLatchedUntilALaserIsEnabledAgainOnceCool()
      throws Exception {
    ActiveFault f1 = probe.sim.faults().inject(FaultRequest.of("fan-failure", "fan1"));
    ActiveFault f2 = probe.sim.faults().inject(FaultRequest.of("fan-failure", "fan2"));
    HalSnapshot hot = probe.run(Duration.ofMinutes(30)).snapshot();
    assertThat(hot.entityStatus("els3").state()).isEqualTo(OperState.FAILED);
    assertThat(hot.entityStatus("els3").faultCode()).isEqualTo("case-overtemp-shutdown");
    for (int l = 0; l < 8; l++) {
      int i = 2 * 8 + l;
      assertThat(hot.entityStatus("els3/laser" + (l + 1)).faultCode()).isEqualTo("module-shutdown");
      assertThat(probe.sim.state.laserTecPercent[i]).as("TEC off").isZero();
      assertThat(probe.sim.state.laserPowerMilliwatts[i]).isZero();
    }
    double electronics = probe.sim.topology().profile.laserModules().electronicsWatts();
    assertThat(probe.sim.state.moduleWatts[2]).as("only its controller draws").isEqualTo(electronics);
    assertThat(probe.sim.state.caseTemp[2]).as("it stops heating").isLessThan(probe.sim.topology().profile
        .laserModules().caseShutdownCelsius() + 5);

    probe.sim.faults().clear(f1.id());
    probe.sim.faults().clear(f2.id());
    probe.run(Duration.ofMinutes(15));
    assertThat(probe.snapshot().entityStatus("els3").state()).as("cooled, still latched").isEqualTo(OperState.FAILED);
    probe.sim.setLaserEnabled("els3/laser1", true);
    HalSnapshot back = probe.run(Duration.ofSeconds(10)).snapshot();
    assertThat(back.entityStatus("els3").state()).isEqualTo(OperState.UP);
    assertThat(back.entityStatus("port17").state()).isEqualTo(OperState.UP);
  }
}
