package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code scenario run}: every example scenario passes standalone; a failed expectation or a bad file does not. */
class ScenarioCommandTest {

  @TempDir Path dir;

  private static Path example(String name) {
    return Tools.repoRoot().resolve("config").resolve("scenarios").resolve(name);
  }

  /** Every scenario under config/scenarios/, so a new one is run as soon as it is added. */
  static Stream<String> everyExample() throws IOException {
    try (Stream<Path> files = Files.list(Tools.repoRoot().resolve("config").resolve("scenarios"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
      // The signatures: far-end failure, fibre cut, dirty fibre sweep, coolant loss with restarts, end of life.
      assertThat(names).contains("far-end-failure.yaml", "fiber-cut.yaml", "dirty-fibre-sweep.yaml",
          "coolant-loss-restarts.yaml", "laser-end-of-life.yaml");
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("everyExample")
  void everyExampleScenarioPassesStandalone(String name) {
    CliRun run = CliRun.of("scenario", "run", example(name).toString(), "--standalone");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("scenario PASSED: all ").doesNotContain("FAILED");
  }

  @Test
  void theLaserFailureExamplePassesStandalone() {
    CliRun run = CliRun.of("scenario", "run", example("laser-failure.yaml").toString(), "--standalone");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("expect port17 speedMbps equals 600000: ok").contains("scenario PASSED");
  }

  @Test
  void theElsPullExamplePassesStandalone() {
    CliRun run = CliRun.of("scenario", "run", example("els-pull.yaml").toString(), "--standalone");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("expect port24 state equals down: ok").contains("scenario PASSED");
  }

  @Test
  void severalFilesRunOneAfterAnotherAndExit0OnlyWhenAllPass() throws Exception {
    CliRun both = CliRun.of("scenario", "run", example("laser-failure.yaml").toString(),
        example("els-pull.yaml").toString(), "--standalone");
    Path wrong = Files.writeString(dir.resolve("wrong.yaml"), """
        name: a laser failure does not take the port down entirely
        steps:
          - {at: 0s, inject: {name: dead, type: laser-failure, target: els3/laser5}}
          - {at: 5s, expect: {entity: port17, status: state, equals: down}}
        """);
    CliRun mixed = CliRun.of("scenario", "run", example("laser-failure.yaml").toString(), wrong.toString(),
        "--standalone");

    assertThat(both.exitCode()).as(both.out() + both.err()).isZero();
    assertThat(both.out()).contains("(1 of 2)").contains("expect port17 speedMbps equals 600000: ok")
        .contains("(2 of 2)").contains("expect port24 state equals down: ok").contains("all 2 of 2 scenarios PASSED");
    assertThat(mixed.exitCode()).isEqualTo(1);
    assertThat(mixed.out()).contains("1 of 2 scenarios PASSED");
  }

  @Test
  void aBadFileAmongSeveralRunsNoneAndExits2() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\nsteps: 3\n");

    CliRun run = CliRun.of("scenario", "run", example("laser-failure.yaml").toString(), bad.toString(), "--standalone");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.yaml");
    assertThat(run.out()).doesNotContain("expect port17");
  }

  @Test
  void aScenarioWithAWrongExpectationExits1AndSaysWhichStep() throws Exception {
    Path file = Files.writeString(dir.resolve("wrong.yaml"), """
        name: a laser failure does not take the port down entirely
        steps:
          - {at: 0s, inject: {name: dead, type: laser-failure, target: els3/laser5}}
          - {at: 5s, expect: {entity: port17, status: state, equals: down}}
        """);

    CliRun run = CliRun.of("scenario", "run", file.toString(), "--standalone");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("step 2 expect port17 state equals down: FAILED (was degraded)")
        .contains("scenario FAILED: 1 of 1");
  }

  @Test
  void anInvalidScenarioFileIsExit2NamingStepAndKeyAndRunsNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), """
        name: typo
        steps:
          - {at: 0s, inject: {name: dead, type: laser-failure, target: els3/laser5}}
          - {at: 5s, expect: {entity: port17, status: state, equal: down}}
        """);

    CliRun run = CliRun.of("scenario", "run", file.toString(), "--standalone");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).contains("step 2 (at 5s): unknown key 'expect.equal'").doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBundledExampleRunsByNameOutsideTheRepository() {
    CliRun run = CliRun.of("scenario", "run", "els-pull", "--standalone");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("scenario PASSED");
  }

  @Test
  void aMissingFileIsExit2() {
    CliRun run = CliRun.of("scenario", "run", dir.resolve("nope.yaml").toString(), "--standalone");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml").contains("cannot read");
  }
}
