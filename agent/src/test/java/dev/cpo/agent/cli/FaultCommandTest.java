package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cpo.agent.control.ControlConfig;
import dev.cpo.agent.control.ControlServer;
import dev.cpo.agent.control.ControlService;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fault ...} as a client of a control API on a free port. */
class FaultCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatedSwitch sim = TestSimulators.simulator();
  private ControlServer server;
  private String url;

  @BeforeEach
  void start() throws Exception {
    ControlService service = ControlService.builder().telemetry(TestSimulators.snapshots(sim)).simulator(sim)
        .components(Map::of).build();
    server = new ControlServer(new ControlConfig("127.0.0.1", 0, "t0ken-t0ken-t0ken-t0ken"), service);
    server.start();
    url = server.url();
  }

  @AfterEach
  void stop() {
    server.stop();
    sim.close();
  }

  @Test
  void injectListAndClearRoundTripThroughTheApi() throws Exception {
    CliRun inject = CliRun.of("fault", "inject", "--url", url, "--token", "t0ken-t0ken-t0ken-t0ken", "--type", "laser-degradation",
        "--target", TestSimulators.LASER, "--param", "driftPercentPerDay=5");
    assertThat(inject.exitCode()).as(inject.err()).isZero();
    String id = JSON.readTree(inject.out()).path("id").asText();

    CliRun list = CliRun.of("fault", "list", "--url", url, "--token", "t0ken-t0ken-t0ken-t0ken");
    JsonNode listed = JSON.readTree(list.out());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).path("parameters").path("driftPercentPerDay").asDouble()).isEqualTo(5.0);

    assertThat(CliRun.of("fault", "clear", id, "--url", url, "--token", "t0ken-t0ken-t0ken-t0ken").exitCode()).isZero();
    assertThat(sim.faults().active()).isEmpty();
  }

  @Test
  void theCatalogIsPrintedAsJson() throws Exception {
    CliRun catalog = CliRun.of("fault", "catalog", "--url", url, "--token", "t0ken-t0ken-t0ken-t0ken");

    assertThat(catalog.exitCode()).isZero();
    assertThat(JSON.readTree(catalog.out()).findValuesAsText("type")).contains("laser-failure");
  }

  @Test
  void theServersRefusalIsPrintedAndTheExitCodeIsNonZero() {
    CliRun run = CliRun.of("fault", "inject", "--url", url, "--token", "t0ken-t0ken-t0ken-t0ken", "--type", "laser-melting",
        "--target", TestSimulators.LASER);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error:").contains("unknown-type").contains("laser-melting");
    assertThat(sim.faults().active()).isEmpty();
  }

  @Test
  void aMissingTokenIsReportedAs401() {
    CliRun run = CliRun.of("fault", "list", "--url", url);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("401").contains("Bearer");
  }

  @Test
  void anUnreachableApiIsOneClearLine() {
    server.stop();
    CliRun run = CliRun.of("fault", "list", "--url", url);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("error: cannot reach the control API at " + url).doesNotContain("\n");
  }

  @Test
  void aBadParamFlagIsAUsageErrorAndSendsNothing() {
    CliRun run = CliRun.of("fault", "inject", "--url", url, "--token", "t0ken-t0ken-t0ken-t0ken", "--type", "laser-degradation",
        "--target", TestSimulators.LASER, "--param", "driftPercentPerDay=fast");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--param driftPercentPerDay").contains("not a number");
    assertThat(sim.faults().active()).isEmpty();
  }

  @Test
  void aMissingRequiredOptionIsAUsageError() {
    CliRun run = CliRun.of("fault", "inject", "--url", url, "--type", "laser-failure");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--target");
  }
}
