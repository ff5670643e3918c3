package dev.cpo.agent.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.hal.Inventory;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.util.List;
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
  void aDarkLanePointsAtTheFibreAndFarEndThenTheLaserModuleThatFeedsItsTransmitter() {
    Serviceability s = advisor("quantum-x-photonics-115t").forEntity("port17/lane3");
    assertThat(s.replace()).isEqualTo("els3");
    assertThat(s.advice()).contains("fibre and connector of port17/lane3").contains("far end")
        .contains("transmit power is low, replace laser module els3");
  }

  @Test
  void receiveSideConditionsNameNothingLocalAndTransmitSideOnesTheLaserModule() {
    ServiceabilityAdvisor a = advisor("quantum-x-photonics-115t");
    for (String condition : List.of("far-end-los", "far-end-no-light", "dirty-fibre", "lane.rx_power-lowAlarm")) {
      Serviceability s = a.forAlarm(c(condition), "port17/lane3");
      assertThat(s.replace()).as(condition).isEmpty();
      assertThat(s.fieldReplaceable()).as(condition).isFalse();
      assertThat(s.advice()).as(condition).contains("Nothing in this switch needs replacing".substring(1));
    }
    assertThat(a.forAlarm(c("dirty-fibre"), "port17/lane3").advice()).startsWith("Clean the connector of port17");
    assertThat(a.forAlarm(c("port-fibre-dark"), "port17").advice()).contains("fibre and connector of port17");
    assertThat(a.forAlarm(c("lane-tx-fault"), "port17/lane3").replace()).isEqualTo("els3");
    assertThat(a.forAlarm(c("laser-failure"), "els3/laser5").replace()).isEqualTo("els3");
  }

  private static AlarmCondition c(String name) {
    return AlarmConditions.byName(name).orElseThrow();
  }
}
