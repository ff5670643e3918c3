package dev.cpo.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cpo.agent.config.ConfigException;
import dev.cpo.agent.testing.FakeSwitch;
import dev.cpo.agent.testing.TestAgents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload applies new thresholds and policies, and keeps the running ones when the new files are bad. */
class AgentReloadTest {

  @TempDir Path dir;
  final FakeSwitch sw = new FakeSwitch();
  Agent agent;

  @AfterEach
  void tearDown() {
    agent.stop();
  }

  Agent agentWith(Path thresholds) throws IOException {
    Path policies = dir.resolve("policies.yaml");
    Files.writeString(policies, "policies: {}\n");
    return new Agent(TestAgents.config(dir.resolve("state"), "alarms.thresholdsFile=" + thresholds,
        "alarms.policiesFile=" + policies), sw);
  }

  void poll(int seconds) {
    for (int i = 0; i < seconds; i++) {
      sw.testClock().advance(Duration.ofSeconds(1));
      agent.pollOnce();
    }
  }

  @Test
  void aReloadAppliesNewThresholdsWithoutARestart() throws Exception {
    Path t = dir.resolve("thresholds.yaml");
    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 105, highAlarm: 120}\n");
    agent = agentWith(t);
    sw.set("asic1:temp", 90);
    poll(3);
    assertThat(agent.latest().activeAlarms()).isEmpty();

    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 85, highAlarm: 120}\n");
    agent.reload();
    poll(3);
    assertThat(agent.latest().activeAlarms()).extracting(a -> a.id()).containsExactly("asic.temp-highWarning/asic1");
  }

  @Test
  void anInvalidFileOnReloadNamesTheKeyAndKeepsTheRunningThresholds() throws Exception {
    Path t = dir.resolve("thresholds.yaml");
    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 85, highAlarm: 120}\n");
    agent = agentWith(t);
    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 130, highAlarm: 120}\n");
    assertThatThrownBy(agent::reload).isInstanceOf(ConfigException.class)
        .hasMessageContaining("classes.asic.temp.highAlarm");
    Files.writeString(t, "overrides:\n  \"els9/laser1:bias\": {highAlarm: 500}\n");
    assertThatThrownBy(agent::reload).isInstanceOf(ConfigException.class)
        .hasMessageContaining("overrides.els9/laser1:bias");
    sw.set("asic1:temp", 90);
    poll(3);
    assertThat(agent.latest().activeAlarms()).extracting(a -> a.id()).containsExactly("asic.temp-highWarning/asic1");
  }

  @Test
  void aChangedFileIsReloadedWithinAFewCyclesAndABadOneIsRefused() throws Exception {
    Path t = dir.resolve("thresholds.yaml");
    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 105, highAlarm: 120}\n");
    agent = agentWith(t);
    sw.set("asic1:temp", 90);
    poll(5);
    assertThat(agent.latest().activeAlarms()).isEmpty();

    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 85.5, highAlarm: 120}\n");
    poll(8);
    assertThat(agent.latest().activeAlarms()).extracting(a -> a.id()).containsExactly("asic.temp-highWarning/asic1");

    Files.writeString(t, "classes:\n  asic.temp: {highWarning: 150, highAlarm: 120}\n");
    poll(8);
    assertThat(agent.latest().activeAlarms()).extracting(a -> a.id()).containsExactly("asic.temp-highWarning/asic1");
  }
}
