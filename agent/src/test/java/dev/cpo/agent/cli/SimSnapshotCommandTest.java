package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code sim snapshot}: the full simulated state as JSON, in-process, on simulated time. */
class SimSnapshotCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode entity(JsonNode snapshot, String name) {
    for (JsonNode e : snapshot.path("telemetry").path("entities")) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no entity " + name);
  }

  @Test
  void theScaleProfilePrints512Ports() throws Exception {
    CliRun run = CliRun.of("sim", "snapshot", "--profile", "spectrum-x-photonics-409t");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode snap = JSON.readTree(run.out());
    assertThat(snap.path("inventory").path("counts").path("ports").asInt()).isEqualTo(512);
    assertThat(snap.path("profile").asText()).isEqualTo("spectrum-x-photonics-409t");
  }

  @Test
  void aFaultGivenAtTheStartShowsAfterTheSimulatedTime() throws Exception {
    CliRun run = CliRun.of("sim", "snapshot", "--after", "90s",
        "--fault", "{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode snap = JSON.readTree(run.out());
    assertThat(snap.path("after").asText()).isEqualTo("1m 30s");
    assertThat(snap.path("faults").get(0).path("type").asText()).isEqualTo("laser-failure");
    assertThat(entity(snap, "port17").path("status").path("speedMbps").asLong()).isEqualTo(600_000);
    assertThat(entity(snap, "port21").path("status").path("speedMbps").asLong()).isEqualTo(800_000);
    long start = snap.path("faults").get(0).path("injectedAtMillis").asLong();
    assertThat(snap.path("telemetry").path("timeMillis").asLong() - start).isEqualTo(90_000);
  }

  @Test
  void theSameSeedGivesTheSameSnapshotAndIsoDurationsAreAccepted() {
    CliRun a = CliRun.of("sim", "snapshot", "--seed", "7", "--after", "PT2H");
    CliRun b = CliRun.of("sim", "snapshot", "--seed", "7", "--after", "2h");

    assertThat(a.exitCode()).isZero();
    assertThat(a.out()).isEqualTo(b.out());
  }

  @Test
  void aBadDurationIsOneLineNamingTheFlagAndExit2() {
    CliRun run = CliRun.of("sim", "snapshot", "--after", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("error: --after: 'soon' is not a duration").doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBadFaultIsRefusedWithTheReasonAndExit2() {
    CliRun malformed = CliRun.of("sim", "snapshot", "--fault", "{\"type\":");
    CliRun unknown = CliRun.of("sim", "snapshot", "--fault", "{\"type\":\"laser-failure\",\"target\":\"els99/laser1\"}");

    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("--fault").contains("malformed JSON");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown-target").contains("els99/laser1");
  }

  @Test
  void anUnknownProfileIsExit2NamingIt() {
    CliRun run = CliRun.of("sim", "snapshot", "--profile", "no-such-switch");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--profile no-such-switch");
  }

  @Test
  void loadOutOfRangeIsExit2NamingTheFlag() {
    CliRun run = CliRun.of("sim", "snapshot", "--load", "1.5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--load");
  }
}
