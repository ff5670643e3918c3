package dev.cpo.agent.snmp.mib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.SnmpModule;
import dev.cpo.agent.testing.FixedAgentView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

class MibModulesTest {

  @Test
  void allModulesRegisterSideBySideAndAnswerAWalkOfEachMib() throws Exception {
    TinySwitch sw = new TinySwitch();
    List<SnmpModule> modules = MibModules.create(new FixedAgentView(sw.snapshot()), PollingConfig.SECTION.defaults());
    InProcessSnmp snmp = new InProcessSnmp(modules.toArray(new SnmpModule[0]));

    List<VariableBinding> entity = snmp.walk(new OID("1.3.6.1.2.1.47"));
    List<VariableBinding> sensor = snmp.walk(new OID("1.3.6.1.2.1.99"));
    List<VariableBinding> state = snmp.walk(new OID("1.3.6.1.2.1.131"));
    List<VariableBinding> cpo = snmp.walk(CpoOids.ROOT);

    int rows = sw.inventory.entities().size() + sw.inventory.sensors().size();
    // 18 entPhysicalTable columns, one child row each but the chassis, two aliases, entLastChangeTime
    assertThat(entity).hasSize(rows * 18 + (rows - 1) + 2 + 1);
    assertThat(sensor).hasSize(sw.inventory.sensors().size() * 8);
    assertThat(state).hasSize(sw.inventory.entities().size() * 6);
    assertThat(cpo).isNotEmpty().allMatch(vb -> !vb.getVariable().isException());
    modules.forEach(SnmpModule::stop);
  }
}
