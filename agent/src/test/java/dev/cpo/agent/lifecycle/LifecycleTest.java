package dev.cpo.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

  private final List<String> log = new ArrayList<>();

  private Component component(String name, boolean failOnStart) {
    return new Component() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start() {
        if (failOnStart) {
          throw new IllegalStateException(name + " cannot bind");
        }
        log.add("start " + name);
      }

      @Override
      public void stop() {
        log.add("stop " + name);
      }
    };
  }

  @Test
  void componentsStartInOrderAndStopInReverse() throws Exception {
    Lifecycle lc = new Lifecycle().add(component("sim", false)).add(component("agent", false)).add(component("snmp", false));
    lc.start();
    lc.stop();
    assertThat(log).containsExactly("start sim", "start agent", "start snmp", "stop snmp", "stop agent", "stop sim");
  }

  @Test
  void aFailedStartStopsWhatAlreadyStartedAndRethrows() {
    Lifecycle lc = new Lifecycle().add(component("sim", false)).add(component("agent", false)).add(component("snmp", true));
    assertThatThrownBy(lc::start).hasMessage("snmp cannot bind");
    assertThat(log).containsExactly("start sim", "start agent", "stop agent", "stop sim");
  }

  @Test
  void stoppingTwiceStopsEachComponentOnce() throws Exception {
    Lifecycle lc = new Lifecycle().add(component("sim", false));
    lc.start();
    lc.stop();
    lc.close();
    assertThat(log).containsExactly("start sim", "stop sim");
  }
}
