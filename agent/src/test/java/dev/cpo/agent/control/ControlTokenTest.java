package dev.cpo.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.cli.AgentSections;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loopback by default; elsewhere only with a bearer token, which is then required on every request. */
class ControlTokenTest {

  @Test
  void theDefaultBindIsLoopbackAndNeedsNoToken() throws Exception {
    ControlConfig c = AgentSections.load(null, List.of()).get(ControlConfig.SECTION);

    assertThat(c.loopback()).isTrue();
    assertThat(c.token()).isEmpty();
  }

  @Test
  void aNonLoopbackBindWithoutATokenIsAConfigErrorNamingTheKey() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("control.bind=0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.token")
        .hasMessageContaining("0.0.0.0")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("control.token");
  }

  @Test
  void aNonLoopbackBindWithATokenIsAccepted() throws Exception {
    ControlConfig c = AgentSections.load(null, List.of("control.bind=0.0.0.0", "control.token=s3cret-s3cret-s3cret")).get(ControlConfig.SECTION);

    assertThat(c.loopback()).isFalse();
  }

  @Test
  void aTokenShorterThan16CharactersIsRefusedAtStartNamingTheKey() {
    assertThatThrownBy(() -> AgentSections.load(null, List.of("control.token=s3cret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.token must be at least 16 characters, was 6")
        .extracting(e -> ((ConfigException) e).key()).isEqualTo("control.token");
    assertThatThrownBy(() -> AgentSections.load(null, List.of("control.bind=0.0.0.0", "control.token=fifteen-chars-x")))
        .hasMessageContaining("control.token");
  }

  @Test
  void loopbackIsRecognisedWithoutDns() {
    assertThat(ControlConfig.isLoopback("127.0.0.1")).isTrue();
    assertThat(ControlConfig.isLoopback("127.1.2.3")).isTrue();
    assertThat(ControlConfig.isLoopback("::1")).isTrue();
    assertThat(ControlConfig.isLoopback("localhost")).isTrue();
    assertThat(ControlConfig.isLoopback("10.0.0.1")).isFalse();
    assertThat(ControlConfig.isLoopback("switch1.example.net")).isFalse();
  }

  @Test
  void overHttpARequestWithoutTheTokenIs401AndWithItIsServed() throws Exception {
    SimulatedSwitch sim = RealSwitch.create();
    ControlService service = ControlService.builder().telemetry(RealSwitch.snapshots(sim)).simulator(sim)
        .components(() -> Map.of()).build();
    ControlServer server = new ControlServer(new ControlConfig("127.0.0.1", 0, "s3cret-s3cret-s3cret"), service);
    server.start();
    try {
      int port = server.port();
      assertThat(ControlServerTest.send(port, "GET", "/api/v1/inventory", null, null, 401).path("error").asText())
          .isEqualTo("unauthorized");
      ControlServerTest.send(port, "POST", "/api/v1/faults", "{\"type\":\"laser-failure\",\"target\":\"els3/laser5\"}",
          "wrong", 401);
      assertThat(sim.faults().active()).isEmpty();
      ControlServerTest.send(port, "GET", "/api/v1/inventory", null, "s3cret-s3cret-s3cret", 200);
    } finally {
      server.stop();
      sim.close();
    }
  }
}
