package dev.cpo.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.Inventory;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import org.junit.jupiter.api.Test;

/** What to replace, from the profiles' field-replaceable flags: the CPO versus NPO question. */
class ServiceabilityAdvisorTest {

  static ServiceabilityAdvisor advisor(String profile) {
    Inventory inv = SimulatedSwitch.builder().profile(profile).seed(1).clock(new ManualClock()).build().inventory();
    return new ServiceabilityAdvisor(inv);
  }

  @Test
  void aLaserFaultMeansReplacingItsLaserModuleInTheField() {
    Serviceability s = advisor("quantum-x-photonics-115t").forEntity("els3/laser5");
    assertThat(s.replace()).isEqualTo("els3");
    assertThat(s.fieldReplaceable()).isTrue();
    assertThat(s.advice()).contains("laser module els3");
  }

  @Test
  void anEngineFaultOnACoPackagedSwitchMeansReplacingTheSwitch() {
    Serviceability s = advisor("quantum-x-photonics-115t").forEntity("oe17");
    assertThat(s.replace()).isEqualTo("chassis");
    assertThat(s.fieldReplaceable()).isFalse();
    assertThat(s.advice()).contains("optical engine oe17").contains("not field-replaceable");
  }

  @Test
  void anEngineFaultOnTheNearPackagedSwitchMeansReplacingTheEngineModule() {
    Serviceability s = advisor("npo-115t").forEntity("oe17");
    assertThat(s.replace()).isEqualTo("oe17");
    assertThat(s.fieldReplaceable()).isTrue();
  }

  @Test
  void aDarkLanePointsAtTheFibreThenTheLaserModuleThatFeedsIt() {
    Serviceability s = advisor("quantum-x-photonics-115t").forEntity("port17/lane3");
    assertThat(s.replace()).isEqualTo("els3");
    assertThat(s.advice()).contains("fibre on port17/lane3");
  }
}
