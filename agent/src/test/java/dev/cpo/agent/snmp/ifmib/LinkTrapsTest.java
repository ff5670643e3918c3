package dev.cpo.agent.snmp.ifmib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.event.AgentEvent;
import dev.cpo.hal.Entity;
import dev.cpo.hal.EntityAddress;
import dev.cpo.hal.EntityClass;
import dev.cpo.hal.EntityStatus;
import dev.cpo.hal.Inventory;
import dev.cpo.hal.OperState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/** RFC 2863 section 6 linkUp/linkDown rules, and ifLastChange. */
class LinkTrapsTest {

  private record Sent(OID oid, List<VariableBinding> varbinds) {}

  private final List<Sent> sent = new ArrayList<>();
  private final PortChangeTimes changes = new PortChangeTimes(144);
  private long uptimeTicks = 1234;
  private final LinkTraps traps = new LinkTraps(new Ports(ports(144)), changes, () -> new TimeTicks(uptimeTicks));

  private static Inventory ports(int n) {
    List<Entity> es = new ArrayList<>();
    es.add(new Entity(0, "chassis", EntityClass.CHASSIS, null, 1, false, "", "m", "chassis"));
    for (int p = 1; p <= n; p++) {
      es.add(new Entity(es.size(), "port" + p, EntityClass.PORT, "chassis", p, false, "", "m", "port",
          EntityAddress.port(p)));
    }
    return new Inventory("test", "m", n, 8, 200_000, es, List.of(), List.of());
  }

  LinkTrapsTest() {
    traps.sendTo((oid, vbs) -> sent.add(new Sent(oid, vbs)));
  }

  private void change(String entity, EntityClass cls, OperState from, OperState to, boolean adminUp) {
    traps.accept(new AgentEvent.StateChanged(1, 0, entity, cls, new EntityStatus(from, "", 4, 800_000, true),
        new EntityStatus(to, "", 0, 0, adminUp)));
  }

  @Test
  void aPortGoingDownSendsLinkDownWithIfIndexAdminAndOperStatus() {
    change("port42", EntityClass.PORT, OperState.UP, OperState.DOWN, true);

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).oid()).isEqualTo(LinkTraps.LINK_DOWN);
    assertThat(sent.get(0).varbinds()).extracting(VariableBinding::toString).containsExactly(
        "1.3.6.1.2.1.2.2.1.1.42 = 42", "1.3.6.1.2.1.2.2.1.7.42 = 1", "1.3.6.1.2.1.2.2.1.8.42 = 2");
    assertThat(changes.get(42)).isEqualTo(1234);
  }

  @Test
  void aPortComingBackSendsLinkUp() {
    change("port7", EntityClass.PORT, OperState.DOWN, OperState.UP, true);

    assertThat(sent).extracting(Sent::oid).containsExactly(LinkTraps.LINK_UP);
  }

  @Test
  void degradingIsNoTransitionOfIfOperStatus() {
    change("port7", EntityClass.PORT, OperState.UP, OperState.DEGRADED, true);

    assertThat(sent).isEmpty();
    assertThat(changes.get(7)).isZero();
  }

  @Test
  void aPortTurnedAdministrativelyDownSendsLinkDownWithAdminStatusDown() {
    change("port3", EntityClass.PORT, OperState.UP, OperState.DISABLED, false);

    assertThat(sent.get(0).oid()).isEqualTo(LinkTraps.LINK_DOWN);
    assertThat(sent.get(0).varbinds().get(1).getVariable().toInt()).isEqualTo(2);
  }

  @Test
  void leavingNotPresentForDownIsNoLinkDown() {
    change("port5", EntityClass.PORT, OperState.ABSENT, OperState.DOWN, true);

    assertThat(sent).isEmpty();
    assertThat(changes.get(5)).isEqualTo(1234);
  }

  @Test
  void otherEntitiesAndLanesAreIgnored() {
    change("els3/laser5", EntityClass.LASER, OperState.UP, OperState.FAILED, true);
    change("port9/lane3", EntityClass.LANE, OperState.UP, OperState.DOWN, true);

    assertThat(sent).isEmpty();
  }
}
