package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.FlagKind;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.OperState;
import dev.cpo.hal.ReadingStatus;
import dev.cpo.hal.SensorKind;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The laser -> lane -> port mapping of DOMAIN.md, seen through failures and hot swap. */
class HotSwapAndLaserFailureTest {

  private final Probe probe = Probe.defaultSwitch();

  @Test
  void aHealthySwitchHasEveryPortUpAt800G() {
    HalSnapshot s = probe.snapshot();
    for (int port = 1; port <= 144; port++) {
      EntityStatus st = s.entityStatus("port" + port);
      assertThat(st.state()).as("port%d", port).isEqualTo(OperState.UP);
      assertThat(st.speedMbps()).isEqualTo(800_000);
      assertThat(st.lanesUp()).isEqualTo(4);
    }
  }

  @Test
  void els3Laser5FailingMakesExactlyPorts17To20DegradedAt600G() throws Exception {
    probe.sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));

    HalSnapshot s = probe.snapshot();
    for (int port = 1; port <= 144; port++) {
      EntityStatus st = s.entityStatus("port" + port);
      if (port >= 17 && port <= 20) {
        assertThat(st.state()).as("port%d", port).isEqualTo(OperState.DEGRADED);
        assertThat(st.speedMbps()).isEqualTo(600_000);
        assertThat(s.entityStatus("port" + port + "/lane3").state()).isEqualTo(OperState.DOWN);
      } else {
        assertThat(st.state()).as("port%d", port).isEqualTo(OperState.UP);
      }
    }
    assertThat(s.entityStatus("els3/laser5").state()).isEqualTo(OperState.FAILED);
    assertThat(s.entityStatus("els3/laser5").faultCode()).isEqualTo("apc-loop-failure");
    // Sensors show it at their next update (every 500 ms).
    assertThat(probe.run(Duration.ofSeconds(1)).value("els3/laser5", SensorKind.BIAS_CURRENT)).isLessThan(1);
  }

  @Test
  void aLaserFailureLatchesItsFlagAndInterruptsAtOnce() throws Exception {
    List<String> interrupts = new ArrayList<>();
    probe.sim.setInterruptListener(interrupts::add);

    probe.sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));

    // The lanes' receivers still get the far end's light: no loss of signal on the engine (FarEndTest).
    assertThat(interrupts).contains("els3").doesNotContain("oe39");
    List<LatchedFlag> flags = probe.sim.readAndClearFlags("els3");
    assertThat(flags).extracting(LatchedFlag::kind).contains(FlagKind.LASER_FAULT, FlagKind.TX_POWER_LOW_ALARM);
    assertThat(flags).allMatch(f -> f.entity().equals("els3/laser5"));
    assertThat(probe.sim.readAndClearFlags("oe39")).isEmpty();
    assertThat(probe.sim.readAndClearFlags("els3")).as("flags clear on read").isEmpty();
  }

  @Test
  void clearingALaserFailureBringsItsPortsBackTo800G() {
    ActiveFault f = probe.sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    probe.sim.faults().clear(f.id());

    HalSnapshot s = probe.snapshot();
    IntStream.rangeClosed(17, 20).forEach(port ->
        assertThat(s.entityStatus("port" + port).speedMbps()).isEqualTo(800_000));
  }

  @Test
  void pullingEls3TakesPorts17To24DownAndInsertingItBringsThemBack() throws Exception {
    ActiveFault removal = probe.sim.faults().inject(FaultRequest.of("els-removal", "els3"));
    probe.run(Duration.ofSeconds(5));

    HalSnapshot pulled = probe.snapshot();
    for (int port = 1; port <= 144; port++) {
      OperState expected = port >= 17 && port <= 24 ? OperState.DOWN : OperState.UP;
      assertThat(pulled.entityStatus("port" + port).state()).as("port%d", port).isEqualTo(expected);
    }
    assertThat(pulled.entityStatus("els3").state()).isEqualTo(OperState.ABSENT);
    assertThat(pulled.entityStatus("els3/laser1").state()).isEqualTo(OperState.ABSENT);
    int bias = pulled.inventory().sensor("els3/laser1", SensorKind.BIAS_CURRENT).orElseThrow().index();
    assertThat(pulled.status(bias)).isEqualTo(ReadingStatus.UNAVAILABLE);
    assertThat(probe.sim.readAndClearFlags("els3")).extracting(LatchedFlag::kind)
        .contains(FlagKind.MODULE_STATE_CHANGED);

    // Clearing the removal fault does not put the module back: only an insertion does.
    probe.sim.faults().clear(removal.id());
    assertThat(probe.snapshot().entityStatus("port17").state()).isEqualTo(OperState.DOWN);

    probe.sim.faults().inject(FaultRequest.of("els-insertion", "els3"));
    // A new module initialises, ramps its lasers and its lanes train before the ports are back
    // (LaserLifeAndSwapTest times it): no longer at once.
    assertThat(probe.run(Duration.ofSeconds(1)).snapshot().entityStatus("port17").state()).isEqualTo(OperState.DOWN);
    HalSnapshot back = probe.run(Duration.ofSeconds(10)).snapshot();
    for (int port = 17; port <= 24; port++) {
      assertThat(back.entityStatus("port" + port).state()).as("port%d", port).isEqualTo(OperState.UP);
      assertThat(back.entityStatus("port" + port).speedMbps()).isEqualTo(800_000);
    }
    assertThat(back.status(bias)).isEqualTo(ReadingStatus.OK);
    assertThat(probe.sim.faults().active()).isEmpty();
  }
}
