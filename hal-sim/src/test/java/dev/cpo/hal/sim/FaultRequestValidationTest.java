package dev.cpo.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cpo.hal.fault.ActiveFault;
import dev.cpo.hal.fault.FaultCatalog;
import dev.cpo.hal.fault.FaultException;
import dev.cpo.hal.fault.FaultException.Reason;
import dev.cpo.hal.fault.FaultParameter;
import dev.cpo.hal.fault.FaultRequest;
import dev.cpo.hal.fault.FaultType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad requests are refused with a reason and a message naming what is wrong, and change nothing. */
class FaultRequestValidationTest {

  private final Probe probe = Probe.defaultSwitch();

  private FaultException refused(FaultRequest request) {
    String before = DeterminismTestSupport.render(probe.snapshot());
    FaultException e = catchThrowableOfType(FaultException.class, () -> probe.sim.faults().inject(request));
    assertThat(e).as("refused: %s", request).isNotNull();
    assertThat(probe.sim.faults().active()).as("nothing injected").isEmpty();
    assertThat(DeterminismTestSupport.render(probe.snapshot())).as("nothing changed").isEqualTo(before);
    return e;
  }

  @Test
  void anUnknownTypeIsRefusedByName() {
    FaultException e = refused(FaultRequest.of("laser-explosion", "els3/laser5"));
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
    assertThat(e.getMessage()).contains("laser-explosion").contains("laser-failure");
  }

  @Test
  void anUnknownTargetIsRefusedByName() {
    FaultException e = refused(FaultRequest.of("laser-failure", "els19/laser1"));
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TARGET);
    assertThat(e.getMessage()).contains("els19/laser1");
  }

  @Test
  void aTargetOfTheWrongClassIsRefusedSayingWhatTheTypeTargets() {
    FaultException e = refused(FaultRequest.of("laser-failure", "port42"));
    assertThat(e.reason()).isEqualTo(Reason.WRONG_TARGET_CLASS);
    assertThat(e.getMessage()).contains("port42").contains("laser");
  }

  @Test
  void anUnknownParameterIsRefusedListingTheKnownOnes() {
    FaultException e = refused(new FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDB", 3.0)));
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PARAMETER);
    assertThat(e.getMessage()).contains("lossDB").contains("lossDb");
  }

  @Test
  void anOutOfRangeParameterIsRefusedWithItsRange() {
    FaultException e = refused(new FaultRequest("fiber-dirty", "port42/lane3", Map.of("lossDb", 41.0)));
    assertThat(e.reason()).isEqualTo(Reason.PARAMETER_OUT_OF_RANGE);
    assertThat(e.getMessage()).contains("lossDb").contains("[0.1, 40]").contains("41");
  }

  @Test
  void aDirectionOutsideItsChoicesIsRefusedNamingThem() {
    FaultException e = refused(new FaultRequest("fiber-cut", "port42", Map.of(), Map.of("direction", "up")));
    assertThat(e.reason()).isEqualTo(Reason.PARAMETER_OUT_OF_RANGE);
    assertThat(e.getMessage()).contains("direction").contains("rx, tx, both").contains("'up'");
    FaultException numeric = refused(new FaultRequest("fiber-cut", "port42", Map.of("direction", 1.0)));
    assertThat(numeric.getMessage()).contains("direction").contains("rx, tx, both");
    assertThat(probe.sim.faults().active()).isEmpty();
  }

  @Test
  void anOptionOnAFaultWithoutOptionsIsUnknown() {
    FaultException e = refused(new FaultRequest("laser-failure", "els3/laser5", Map.of(), Map.of("direction", "rx")));
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PARAMETER);
  }

  @Test
  void aNanParameterIsOutOfRange() {
    Map<String, Double> params = new HashMap<>();
    params.put("factor", Double.NaN);
    assertThat(refused(new FaultRequest("ber-degradation", "port1/lane1", params)).reason())
        .isEqualTo(Reason.PARAMETER_OUT_OF_RANGE);
  }

  @Test
  void insertingAModuleThatIsPresentIsAConflict() {
    FaultException e = refused(FaultRequest.of("els-insertion", "els3"));
    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
    assertThat(e.getMessage()).contains("els3");
  }

  @Test
  void clearingAnUnknownIdIsNotFound() {
    FaultException e = catchThrowableOfType(FaultException.class, () -> probe.sim.faults().clear("f999"));
    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage()).contains("f999");
  }

  @Test
  void everyParameterHasADefaultSoTypeAndTargetAloneWork() {
    Map<String, String> targets = Map.ofEntries(
        Map.entry("laser-degradation", "els1/laser1"), Map.entry("laser-failure", "els1/laser2"),
        Map.entry("laser-power-drop", "els1/laser3"), Map.entry("els-removal", "els2"),
        Map.entry("els-insertion", "els2"), Map.entry("els-tec-failure", "els3"),
        Map.entry("oe-overtemp", "oe1"), Map.entry("asic-overtemp", "asic1"),
        Map.entry("coolant-flow-loss", "loop1"), Map.entry("coolant-inlet-temp", "loop2"),
        Map.entry("fan-failure", "fan1"), Map.entry("fiber-cut", "port1/lane1"),
        Map.entry("far-end-tx-failure", "port4/lane2"),
        Map.entry("fiber-dirty", "port2/lane1"), Map.entry("ber-degradation", "port3"),
        Map.entry("sensor-stuck", "oe2"), Map.entry("sensor-noise", "oe3"),
        Map.entry("sensor-read-error", "oe4"), Map.entry("hal-latency", "chassis"));
    for (FaultType type : FaultCatalog.types()) {
      assertThat(targets).as("a target for %s", type.name()).containsKey(type.name());
      ActiveFault f = probe.sim.faults().inject(FaultRequest.of(type.name(), targets.get(type.name())));
      for (FaultParameter p : type.parameters()) {
        assertThat(f.parameters()).containsEntry(p.name(), p.defaultValue());
        assertThat(p.description()).isNotBlank();
      }
      for (dev.cpo.hal.fault.FaultOption o : type.options()) {
        assertThat(f.options()).containsEntry(o.name(), o.defaultChoice());
        assertThat(o.description()).isNotBlank();
      }
      assertThat(type.description()).isNotBlank();
    }
    // els-insertion resolved the removal and is not kept itself.
    assertThat(probe.sim.faults().active()).hasSize(FaultCatalog.types().size() - 2);
  }

  @Test
  void clearingEveryFaultRestoresTheHealthySwitch() {
    Probe healthy = Probe.defaultSwitch();
    String[][] faults = {
      {"laser-degradation", "els1/laser1"}, {"laser-failure", "els1/laser2"}, {"laser-power-drop", "els1/laser3"}, {"els-tec-failure", "els3"},
      {"oe-overtemp", "oe1"}, {"asic-overtemp", "asic1"}, {"coolant-flow-loss", "loop1"},
      {"coolant-inlet-temp", "loop2"}, {"fan-failure", "fan1"}, {"fiber-cut", "port1/lane1"},
      {"fiber-dirty", "port2/lane1"}, {"ber-degradation", "port3"}, {"sensor-noise", "oe3"},
      {"sensor-read-error", "oe4"},
    };
    for (String[] f : faults) {
      probe.sim.faults().inject(FaultRequest.of(f[0], f[1]));
    }
    probe.run(Duration.ofMinutes(5));
    for (ActiveFault f : probe.sim.faults().active()) {
      probe.sim.faults().clear(f.id());
    }
    probe.run(Duration.ofHours(1));
    healthy.run(Duration.ofMinutes(5)).run(Duration.ofHours(1));
    var a = probe.snapshot();
    var b = healthy.snapshot();
    for (int i = 0; i < a.sensorCount(); i++) {
      String id = a.inventory().sensors().get(i).id();
      assertThat(a.status(i)).as(id).isEqualTo(b.status(i));
      assertThat(a.value(i)).as(id).isCloseTo(b.value(i), org.assertj.core.api.Assertions.within(
          Math.max(0.6, Math.abs(b.value(i)) * 0.02)));
    }
    for (int e = 0; e < a.inventory().entities().size(); e++) {
      assertThat(a.entityStatus(e)).as(a.inventory().entities().get(e).name()).isEqualTo(b.entityStatus(e));
    }
  }
}
