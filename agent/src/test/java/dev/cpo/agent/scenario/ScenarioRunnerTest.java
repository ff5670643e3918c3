package dev.cpo.agent.scenario;

import static org.assertj.core.api.Assertions.assertThat;

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
}
