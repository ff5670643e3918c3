package dev.cpo.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status the health route shows follows each component through start and stop. */
class LifecycleStatusTest {

  private final List<String> calls = new ArrayList<>();

  private Component component(String name, boolean fails) {
    return new Component() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {
        calls.add("start " + name);
        if (fails) {
          throw new IllegalStateException(name + " cannot start");
        }
      }

      @Override
      public void stop() {
        calls.add("stop " + name);
      }
    };
  }

  @Test
  void componentsAreRunningAfterStartAndStoppedAfterStopInReverse() throws Exception {
    Lifecycle lc = new Lifecycle().add(component("simulator", false)).add(component("control-api", false));
    assertThat(lc.status()).containsEntry("simulator", "not started");

    lc.start();
    assertThat(lc.status()).containsExactly(java.util.Map.entry("simulator", "running"),
        java.util.Map.entry("control-api", "running"));

    lc.stop();
    assertThat(lc.status().values()).containsOnly("stopped");
    assertThat(calls).containsExactly("start simulator", "start control-api", "stop control-api", "stop simulator");
  }

  @Test
  void aFailedStartMarksItFailedAndStopsTheOthers() {
    Lifecycle lc = new Lifecycle().add(component("simulator", false)).add(component("control-api", true));

    assertThatThrownBy(lc::start).hasMessageContaining("control-api cannot start");
    assertThat(lc.status()).containsEntry("control-api", "failed").containsEntry("simulator", "stopped");
  }

  @Test
  void aRunningComponentThatNamesAProblemIsDegradedUntilItClears() throws Exception {
    java.util.concurrent.atomic.AtomicReference<String> problem = new java.util.concurrent.atomic.AtomicReference<>();
    Component mqtt = new Component() {
      @Override
      public String name() {
        return "mqtt";
      }

      @Override
      public void start() {}

      @Override
      public String problem() {
        return problem.get();
      }

      @Override
      public void stop() {}
    };
    Lifecycle lc = new Lifecycle().add(mqtt);
    problem.set("not authorized (MQTT reason 135), retrying");
    assertThat(lc.status()).containsEntry("mqtt", "not started");

    lc.start();
    assertThat(lc.status()).containsEntry("mqtt", "degraded: not authorized (MQTT reason 135), retrying");
    problem.set(null);
    assertThat(lc.status()).containsEntry("mqtt", "running");
    problem.set("broker gone");
    lc.stop();
    assertThat(lc.status()).containsEntry("mqtt", "stopped");
  }
}
