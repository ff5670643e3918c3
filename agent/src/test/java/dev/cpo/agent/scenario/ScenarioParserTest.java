package dev.cpo.agent.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A scenario file is validated whole before anything runs; messages name the step and key. */
class ScenarioParserTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Scenario parse(String yaml) throws Exception {
    return ScenarioParser.parse(YAML.readTree(yaml));
  }

  @Test
  void aValidScenarioBecomesTimedSteps() throws Exception {
    Scenario s = parse("""
        name: dead laser
        seed: 3
        steps:
          - at: 0s
            inject: {name: dead, type: laser-failure, target: els3/laser5}
          - at: 2s
            expect: {entity: port17, status: state, equals: degraded}
          - at: 2s
            expect: {entity: port17/lane1, reading: rx_power, within: [-40, -10]}
          - at: 1m
            sim: {load: 0.8}
          - at: 2m
            clear: dead
        """);

    assertThat(s.name()).isEqualTo("dead laser");
    assertThat(s.seed()).isEqualTo(3L);
    assertThat(s.steps()).hasSize(5);
    assertThat(s.steps().get(3).at()).isEqualTo(Duration.ofMinutes(1));
    Step.Inject inject = (Step.Inject) s.steps().get(0);
    assertThat(inject.request().has("name")).as("the name is the scenario's, not the API's").isFalse();
    Expectation within = ((Step.Expect) s.steps().get(2)).expectation();
    assertThat(within.low()).isEqualTo(-40.0);
    assertThat(within.path()).isEqualTo("readings.rx_power.value");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing at               | '- {clear: x}'                                                         | step 1: 'at' is required
      bad duration             | '- {at: soon, sim: {load: 1}}'                                         | step 1: at: 'soon' is not a duration
      no action                | '- {at: 1s}'                                                           | step 1 (at 1s): needs one of
      two actions              | '- {at: 1s, sim: {load: 1}, clear: x}'                                 | has both 'sim' and 'clear'
      unknown step key         | '- {at: 1s, wait: 5}'                                                  | step 1 (at 1s): unknown key 'wait'
      inject without target    | '- {at: 1s, inject: {name: a, type: laser-failure}}'                   | step 1 (at 1s): inject.target is required
      inject without name      | '- {at: 1s, inject: {type: laser-failure, target: els1/laser1}}'       | inject.name is required
      text parameter           | '- {at: 1s, inject: {name: a, type: t, target: x, rate: fast}}'        | inject.rate must be a number
      clear unknown name       | '- {at: 1s, clear: ghost}'                                             | clear: 'ghost' names no fault
      unknown sim key          | '- {at: 1s, sim: {speed: 2}}'                                          | unknown key 'sim.speed'
      reading and status       | '- {at: 1s, expect: {entity: p, reading: bias, status: state, equals: 1}}' | exactly one of 'reading'
      unknown status field     | '- {at: 1s, expect: {entity: p, status: colour, equals: red}}'         | expect.status 'colour'
      no comparison            | '- {at: 1s, expect: {entity: p, reading: bias}}'                       | needs one of equals, above, below, within
      two comparisons          | '- {at: 1s, expect: {entity: p, reading: bias, above: 1, below: 2}}'   | has both 'above' and 'below'
      bad within               | '- {at: 1s, expect: {entity: p, reading: bias, within: [5, 1]}}'       | expect.within must be a list [low, high]
      text above               | '- {at: 1s, expect: {entity: p, reading: bias, above: high}}'          | expect.above must be a number
      no entity                | '- {at: 1s, expect: {reading: bias, above: 1}}'                        | expect.entity is required
      empty switch             | '- {at: 1s, expect: {entity: ":els3/laser5", status: state, equals: up}}' | step 1 (at 1s): expect.entity ':els3/laser5' is neither
      switch and no entity     | '- {at: 1s, inject: {name: a, type: laser-failure, target: "sw7:"}}'   | step 1 (at 1s): inject.target 'sw7:' is neither
      two switches             | '- {at: 1s, expect: {entity: "sw1:sw2:port1", status: state, equals: up}}' | 'sw1:sw2:port1' is neither
      alarm and status         | '- {at: 1s, expect: {entity: p, alarm: laser-failure, status: state, equals: up}}' | exactly one of 'reading'
      alarm state unknown      | '- {at: 1s, expect: {entity: p, alarm: laser-failure, equals: raised}}' | expect.alarm takes 'equals: active' or 'equals: cleared'
      alarm compared above     | '- {at: 1s, expect: {entity: p, alarm: laser-failure, above: 1}}'       | expect.alarm takes 'equals: active'
      sim switch a number      | '- {at: 1s, sim: {switch: 7, load: 1}}'                                | step 1 (at 1s): sim.switch must be a switch of a fleet (e.g. sw7), was 7
      sim switch malformed     | '- {at: 1s, sim: {switch: "sw 7", load: 1}}'                           | sim.switch must be a switch of a fleet (e.g. sw7), was "sw 7"
      sim switch alone         | '- {at: 1s, sim: {switch: sw7}}'                                       | step 1 (at 1s): sim needs timeScale, load and/or seed besides switch
      """)
  void aBadStepIsRefusedNamingStepAndKey(String what, String step, String message) {
    assertThatThrownBy(() -> parse("name: x\nsteps:\n  " + step))
        .as(what).isInstanceOf(ScenarioException.class).hasMessageContaining(message);
  }

  @Test
  void anEntityOnASwitchOfAFleetKeepsItsSwitchAndAnAlarmExpectationItsCondition() throws Exception {
    Scenario s = parse("""
        name: fleet
        steps:
          - {at: 1s, inject: {name: dead, type: laser-failure, target: 'sw7:els3/laser5'}}
          - {at: 5s, expect: {entity: 'sw7:els3/laser5', alarm: laser-failure, equals: active}}
          - {at: 5s, expect: {entity: port17, status: state, equals: degraded}}
        """);

    assertThat(SwitchRef.parse(((Step.Inject) s.steps().get(0)).request().path("target").asText()))
        .isEqualTo(new SwitchRef("sw7", "els3/laser5"));
    Expectation alarm = ((Step.Expect) s.steps().get(1)).expectation();
    assertThat(alarm.ref()).isEqualTo(new SwitchRef("sw7", "els3/laser5"));
    assertThat(alarm.alarm()).isEqualTo("laser-failure");
    assertThat(alarm.toString()).isEqualTo("sw7:els3/laser5 alarm laser-failure equals active");
    assertThat(((Step.Expect) s.steps().get(2)).expectation().ref()).isEqualTo(new SwitchRef(null, "port17"));
  }

  @Test
  void aSimStepMayNameASwitchOfAFleetAndKeepsOnlyTheSettingsForTheApi() throws Exception {
    Scenario s = parse("""
        name: fleet sim
        steps:
          - {at: 1s, sim: {switch: sw7, timeScale: 10, load: 0.5}}
          - {at: 2s, sim: {load: 0.9}}
        """);

    Step.Sim on7 = (Step.Sim) s.steps().get(0);
    assertThat(on7.switchId()).isEqualTo("sw7");
    assertThat(on7.settings().toString()).isEqualTo("{\"timeScale\":10,\"load\":0.5}");
    assertThat(Step.describe(on7)).isEqualTo("sim on sw7 {\"timeScale\":10,\"load\":0.5}");
    Step.Sim plain = (Step.Sim) s.steps().get(1);
    assertThat(plain.switchId()).isNull();
    assertThat(Step.describe(plain)).isEqualTo("sim {\"load\":0.9}");
  }

  @Test
  void stepsOutOfTimeOrderAreRefused() {
    assertThatThrownBy(() -> parse("""
        name: x
        steps:
          - {at: 1m, sim: {load: 1}}
          - {at: 30s, sim: {load: 0.5}}
        """)).hasMessageContaining("step 2 (at 30s): 'at' goes back in time");
  }

  @Test
  void unknownTopLevelKeysAndMissingStepsAreRefused() {
    assertThatThrownBy(() -> parse("name: x\nstep: []")).hasMessageContaining("unknown key 'step'");
    assertThatThrownBy(() -> parse("name: x\nsteps: []")).hasMessageContaining("'steps' must be a non-empty list");
    assertThatThrownBy(() -> parse("steps: [{at: 1s, sim: {load: 1}}]")).hasMessageContaining("'name' is required");
  }
}
