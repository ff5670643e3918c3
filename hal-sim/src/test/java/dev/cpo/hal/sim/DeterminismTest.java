package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.CounterKind;
import dev.cpo.hal.HalSnapshot;
import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  /** A scenario: faults, controls and reads at fixed clock times. */
  private static List<String> trace(long seed) throws Exception {
    Probe p = Probe.of("quantum-x-photonics-115t", seed);
    List<String> out = new ArrayList<>();
    p.sim.faults().inject(new FaultRequest("laser-degradation", "els2/laser3", Map.of("driftPercentPerDay", 50.0)));
    out.add(render(p.run(Duration.ofSeconds(3)).snapshot()));
    ActiveFault dirty = p.sim.faults().inject(new FaultRequest("fiber-dirty", "port7/lane2", Map.of("lossDb", 2.5)));
    p.sim.setFanSpeedPercent("fan2", 30);
    out.add(render(p.run(Duration.ofMillis(1700)).snapshot()));
    p.sim.faults().inject(FaultRequest.of("coolant-flow-loss", "loop2"));
    out.add(render(p.run(Duration.ofMinutes(3)).snapshot()));
    p.sim.faults().clear(dirty.id());
    p.sim.setLoad(0.9);
    out.add(render(p.run(Duration.ofHours(5)).snapshot()));
    return out;
  }

  private static String render(HalSnapshot s) {
    return DeterminismTestSupport.render(s);
  }

  @Test
  void theSameSeedGivesAnIdenticalTrace() throws Exception {
    assertThat(trace(7)).isEqualTo(trace(7));
  }

  @Test
  void anotherSeedGivesOtherNoiseAndSerials() throws Exception {
    assertThat(trace(8)).isNotEqualTo(trace(7));
    assertThat(Probe.of("quantum-x-photonics-115t", 8).sim.inventory().require("els3").serialNumber())
        .isNotEqualTo(Probe.of("quantum-x-photonics-115t", 7).sim.inventory().require("els3").serialNumber());
  }

  @Test
  void countersAdvanceWithLoadAndSpeed() throws Exception {
    Probe p = Probe.defaultSwitch();
    HalSnapshot a = p.snapshot();
    HalSnapshot b = p.run(Duration.ofSeconds(10)).snapshot();
    long octets = b.portCounter(CounterKind.TX_OCTETS, 1) - a.portCounter(CounterKind.TX_OCTETS, 1);
    // 800 Gb/s x 60 % load x 10 s / 8 bits.
    assertThat(octets).isEqualTo(600_000_000_000L);
    long packets = b.portCounter(CounterKind.TX_UNICAST_PACKETS, 1) - a.portCounter(CounterKind.TX_UNICAST_PACKETS, 1);
    assertThat(packets).isBetween(580_000_000L, 600_000_000L);
  }
}
