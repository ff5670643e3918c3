package dev.cpo.agent.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cpo.agent.control.ControlService;
import dev.cpo.agent.control.RealSwitch;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner acts in time order, and passes only if every expectation holds. */
class ScenarioRunnerTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ManualClock clock = new ManualClock();
  private final SimulatedSwitch sim = RealSwitch.create(clock);
  private final List<Duration> advanced = new ArrayList<>();
  private final StringWriter printed = new StringWriter();

  private boolean run(String yaml) throws Exception {
    ControlService service = ControlService.builder().telemetry(RealSwitch.snapshots(sim)).simulator(sim).build();
    ServiceTarget target = new ServiceTarget(service, clock, d -> {
      advanced.add(d);
      clock.advance(d);
    }, sim);
    return new ScenarioRunner(target, new PrintWriter(printed, true)).run(ScenarioParser.parse(YAML.readTree(yaml)));
  }

  @Test
  void aScenarioWhoseExpectationsHoldPassesAndAdvancesTimeStepByStep() throws Exception {
    boolean ok = run("""
        name: laser dies and comes back
        steps:
          - {at: 10s, inject: {name: dead, type: laser-failure, target: els3/laser5}}
          - {at: 15s, expect: {entity: port17, status: state, equals: DEGRADED}}
          - {at: 15s, expect: {entity: port17, status: speedMbps, equals: 600000}}
          - {at: 1m, clear: dead}
          - {at: 2m, expect: {entity: els3/laser5, reading: tx_power, within: [10, 30]}}
          - {at: 2m, sim: {load: 0.9}}
        """);

    assertThat(ok).as(printed.toString()).isTrue();
    assertThat(advanced).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(45),
        Duration.ofSeconds(60));
    assertThat(printed.toString()).contains("step 2 expect port17 state equals DEGRADED: ok (was degraded)")
        .contains("scenario PASSED: all 3 expectations held");
    assertThat(sim.settings().load()).isEqualTo(0.9);
  }

  @Test
  void aFailedExpectationFailsTheScenarioButTheRestStillRun() throws Exception {
    boolean ok = run("""
        name: wrong expectation
        steps:
          - {at: 0s, expect: {entity: els3/laser5, reading: bias, above: 5000}}
          - {at: 1s, expect: {entity: port17, status: state, equals: up}}
        """);

    assertThat(ok).isFalse();
    assertThat(printed.toString()).contains("bias above 5000: FAILED (was ")
        .contains("state equals up: ok").contains("scenario FAILED: 1 of 2 expectations did not hold");
  }

  @Test
  void aRefusedActionStopsTheScenarioWithTheReason() throws Exception {
    boolean ok = run("""
        name: bad target
        steps:
          - {at: 0s, inject: {name: x, type: laser-failure, target: els99/laser9}}
          - {at: 1s, expect: {entity: port17, status: state, equals: up}}
        """);

    assertThat(ok).isFalse();
    assertThat(printed.toString()).contains("ERROR unknown-target").doesNotContain("step 2");
  }

  @Test
  void aReadingTheEntityDoesNotHaveIsAFailureNamingTheOnesItHas() throws Exception {
    boolean ok = run("""
        name: typo
        steps:
          - {at: 0s, expect: {entity: els3/laser5, reading: biass, above: 1}}
        """);

    assertThat(ok).isFalse();
    assertThat(printed.toString()).contains("has no reading 'biass'; it has bias, tx_power");
  }

  @Test
  void aSwitchOfAFleetNamedOnASingleSwitchIsRefusedNamingTheStepBeforeAnyStepRuns() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("""
        name: not a fleet
        steps:
          - {at: 0s, inject: {name: x, type: laser-failure, target: els3/laser5}}
          - {at: 5s, expect: {entity: 'sw7:port17', status: state, equals: degraded}}
        """))
        .isInstanceOf(ScenarioTarget.TargetException.class)
        .hasMessage("step 2 (at 5s): 'sw7:port17' names switch 'sw7', but the target is a single switch, not a fleet;"
            + " name the entity without 'switch:'");
    assertThat(printed.toString()).doesNotContain("step 1");
    assertThat(sim.faults().active()).isEmpty();
  }

  /** Two in-process switches as a fleet: sw1 (the run's own) and sw2, each on its own manual clock. */
  private final class TwoSwitches implements ScenarioTarget {
    final ManualClock clock2 = new ManualClock();
    final SimulatedSwitch sim2 = RealSwitch.create(clock2);
    private final ServiceTarget sw1 = target(sim, clock);
    private final ServiceTarget sw2 = target(sim2, clock2);

    private ServiceTarget target(SimulatedSwitch s, ManualClock c) {
      ControlService service = ControlService.builder().telemetry(RealSwitch.snapshots(s)).simulator(s).build();
      return new ServiceTarget(service, c, c::advance, () -> { });
    }

    @Override public long nowMillis() { return sw1.nowMillis(); }
    @Override public void advanceTo(long simMillis) { sw1.advanceTo(simMillis); }
    @Override public com.fasterxml.jackson.databind.JsonNode inject(com.fasterxml.jackson.databind.node.ObjectNode r)
        throws TargetException { return sw1.inject(r); }
    @Override public void clear(String id) throws TargetException { sw1.clear(id); }
    @Override public void sim(com.fasterxml.jackson.databind.node.ObjectNode s) throws TargetException { sw1.sim(s); }
    @Override public com.fasterxml.jackson.databind.JsonNode telemetry(String e) throws TargetException {
      return sw1.telemetry(e);
    }
    @Override public com.fasterxml.jackson.databind.JsonNode alarms() throws TargetException { return sw1.alarms(); }
    @Override public List<String> switches() { return List.of("sw1", "sw2"); }
    @Override public ScenarioTarget on(String id) { return id.equals("sw1") ? this : sw2; }
    @Override public void close() { }
  }

  private boolean runOnTwo(TwoSwitches fleet, String yaml) throws Exception {
    return new ScenarioRunner(fleet, new PrintWriter(printed, true)).run(ScenarioParser.parse(YAML.readTree(yaml)));
  }

  @Test
  void aSimStepNamingASwitchChangesThatSwitchsSimulatorOnly() throws Exception {
    TwoSwitches fleet = new TwoSwitches();
    double load1 = sim.settings().load();

    boolean ok = runOnTwo(fleet, """
        name: sw2 runs hot and fast
        steps:
          - {at: 1s, sim: {switch: sw2, load: 0.95, timeScale: 60}}
          - {at: 2s, sim: {timeScale: 5}}
        """);

    assertThat(ok).as(printed.toString()).isTrue();
    assertThat(printed.toString()).contains("step 1 sim on sw2 {\"load\":0.95,\"timeScale\":60}: ok")
        .contains("step 2 sim {\"timeScale\":5}: ok");
    assertThat(fleet.sim2.settings().load()).isEqualTo(0.95);
    assertThat(fleet.sim2.settings().timeScale()).isEqualTo(60.0);
    assertThat(sim.settings().load()).as("sw1's load").isEqualTo(load1);
    assertThat(sim.settings().timeScale()).as("sw1's time scale, set by the plain step").isEqualTo(5.0);
  }

  @Test
  void aSimStepNamingASwitchTheFleetLacksIsRefusedNamingItAndTheFleetBeforeAnyStepRuns() {
    TwoSwitches fleet = new TwoSwitches();
    double load2 = fleet.sim2.settings().load();

    assertThatThrownBy(() -> runOnTwo(fleet, """
        name: a switch too far
        steps:
          - {at: 0s, inject: {name: x, type: laser-failure, target: els3/laser5}}
          - {at: 1s, sim: {switch: sw2, load: 0.9}}
          - {at: 3s, sim: {switch: sw9, timeScale: 60}}
        """))
        .isInstanceOf(ScenarioTarget.TargetException.class)
        .hasMessage("step 3 (at 3s): unknown switch 'sw9' in sim.switch; this fleet has sw1, sw2");
    assertThat(printed.toString()).doesNotContain("step 1");
    assertThat(sim.faults().active()).isEmpty();
    assertThat(fleet.sim2.settings().load()).isEqualTo(load2);
  }

  @Test
  void aSimStepNamingASwitchOnASingleSwitchIsRefused() {
    assertThatThrownBy(() -> run("""
        name: not a fleet
        steps:
          - {at: 1s, sim: {switch: sw2, load: 0.9}}
        """))
        .isInstanceOf(ScenarioTarget.TargetException.class)
        .hasMessage("step 1 (at 1s): sim.switch names switch 'sw2', but the target is a single switch, not a fleet;"
            + " leave out sim.switch");
  }
}
