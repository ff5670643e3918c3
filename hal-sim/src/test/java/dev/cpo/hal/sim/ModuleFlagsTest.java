package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.FlagKind;
import dev.cpo.hal.LatchedFlag;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CMIS-like latched flags: latch on a new condition, clear on read, interrupt the host. */
class ModuleFlagsTest {

  private final Probe probe = Probe.defaultSwitch();

  @Test
  void aHealthySwitchHasNoFlagsLatched() throws Exception {
    probe.run(Duration.ofMinutes(5));
    for (int m = 1; m <= 18; m++) {
      assertThat(probe.sim.readAndClearFlags("els" + m)).as("els%d", m).isEmpty();
    }
    for (int e = 1; e <= 72; e++) {
      assertThat(probe.sim.readAndClearFlags("oe" + e)).as("oe%d", e).isEmpty();
    }
  }

  @Test
  void aLastingConditionLatchesOnceAndAgainOnlyAfterItClearsAndRecurs() throws Exception {
    ActiveFault cut = probe.sim.faults().inject(FaultRequest.of("fiber-cut", "port42/lane3"));
    assertThat(probe.sim.readAndClearFlags("oe39")).isEmpty();
    String engine = probe.sim.inventory().require("port42/lane3").description().replaceAll(".* via (oe\\d+),.*", "$1");
    List<LatchedFlag> first = probe.sim.readAndClearFlags(engine);
    assertThat(first).extracting(LatchedFlag::kind).containsExactly(FlagKind.LOSS_OF_SIGNAL);
    assertThat(first.get(0).timeMillis()).isEqualTo(probe.clock.millis());

    probe.run(Duration.ofMinutes(1));
    assertThat(probe.sim.readAndClearFlags(engine)).as("still cut, already read").isEmpty();

    probe.sim.faults().clear(cut.id());
    probe.run(Duration.ofSeconds(1));
    probe.sim.faults().inject(FaultRequest.of("fiber-cut", "port42/lane3"));
    assertThat(probe.sim.readAndClearFlags(engine)).extracting(LatchedFlag::kind)
        .containsExactly(FlagKind.LOSS_OF_SIGNAL);
  }

  @Test
  void aFailingInterruptListenerBreaksNeitherTheInjectionNorTheSimulator() throws Exception {
    List<String> seen = new ArrayList<>();
    probe.sim.setInterruptListener(module -> {
      seen.add(module);
      throw new IllegalStateException("listener bug");
    });
    probe.sim.faults().inject(FaultRequest.of("laser-failure", "els3/laser5"));
    assertThat(seen).contains("els3");
    assertThat(probe.snapshot().entityStatus("port17").speedMbps()).isEqualTo(600_000);
  }

  @Test
  void biasCrossingItsWarningLevelLatchesAWarningAtThatTime() throws Exception {
    probe.sim.faults().inject(FaultRequest.of("laser-degradation", "els3/laser5"));
    // 5 %/day from a few percent over beginning of life reaches +30 % within 6 days.
    probe.run(Duration.ofDays(6));
    List<LatchedFlag> flags = probe.sim.readAndClearFlags("els3");
    assertThat(flags).extracting(LatchedFlag::kind).contains(FlagKind.BIAS_HIGH_WARNING)
        .doesNotContain(FlagKind.BIAS_HIGH_ALARM);
    LatchedFlag warning = flags.stream().filter(f -> f.kind() == FlagKind.BIAS_HIGH_WARNING).findFirst().orElseThrow();
    assertThat(warning.entity()).isEqualTo("els3/laser5");
    // Latched when it happened, not when it was read.
    assertThat(warning.timeMillis()).isLessThan(probe.clock.millis() - Duration.ofHours(1).toMillis());
  }
}
