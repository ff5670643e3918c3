package dev.cpo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.config.AgentConfig;
import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.control.ConfigReloader;
import dev.cpo.hal.sim.SimulatorControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reload applies the simulator's run-time settings, lists what needs a restart, and keeps the old config on error. */
class SimConfigReloaderTest {

  private final SimulatorControl sim = TestSimulators.simulator();
  private final List<String> sets = new ArrayList<>();

  private final SimConfigReloader reloader = new SimConfigReloader(new SimConfigReloader.Source() {
    @Override
    public AgentConfig load() throws ConfigException {
      return AgentSections.load(null, sets);
    }

    @Override
    public String describe() {
      return "defaults";
    }
  }, sim, AgentSections.defaults());

  @Test
  void simSettingsApplyAtOnceAndOtherKeysNeedARestart() throws Exception {
    sets.addAll(List.of("sim.timeScale=3600", "sim.load=0.9", "snmp.port=0"));

    ConfigReloader.Outcome outcome = reloader.reload();

    assertThat(outcome.applied()).containsExactlyInAnyOrder("sim.timeScale", "sim.load");
    assertThat(outcome.restartRequired()).containsExactly("snmp.port");
    assertThat(sim.settings().timeScale()).isEqualTo(3600.0);
    assertThat(sim.settings().load()).isEqualTo(0.9);
  }

  @Test
  void anUnchangedConfigChangesNothing() throws Exception {
    ConfigReloader.Outcome outcome = reloader.reload();

    assertThat(outcome.applied()).isEmpty();
    assertThat(outcome.restartRequired()).isEmpty();
  }

  @Test
  void anInvalidConfigIsRefusedAndTheRunningOneKept() {
    sets.addAll(List.of("sim.timeScale=3600", "sim.load=7"));

    assertThatThrownBy(reloader::reload).isInstanceOf(ConfigException.class).hasMessageContaining("sim.load");
    assertThat(sim.settings().timeScale()).isEqualTo(1.0);
  }
}
