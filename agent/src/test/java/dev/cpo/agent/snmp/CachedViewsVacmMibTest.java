package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * {@link CachedViewsVacmMib} decides as SNMP4J-Agent's {@link VacmMIB} (RFC 3415 section 5.2.1's view
 * check as SNMP4J implements it) for every OID and view, before and after the views change.
 */
class CachedViewsVacmMibTest {

  private static final OctetString MONITOR = new OctetString("monitor");
  private static final OctetString READ = new OctetString("read");
  private static final int RO = StorageType.readOnly;

  private final VacmMIB stock = new VacmMIB(new MOServer[] {new DefaultMOServer()}, SecurityModels.getInstance());
  private final CachedViewsVacmMib cached = new CachedViewsVacmMib(new MOServer[] {new DefaultMOServer()},
      SecurityModels.getInstance());

  @BeforeEach
  void register() throws Exception {
    stock.registerMOs(new DefaultMOServer(), null);
    cached.registerMOs(new DefaultMOServer(), null);
    for (VacmMIB v : List.of(stock, cached)) {
      v.addViewTreeFamily(READ, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, RO);
      v.addViewTreeFamily(READ, new OID("1.3.6.1.6.3.18"), new OctetString(), VacmMIB.vacmViewExcluded, RO);
      v.addViewTreeFamily(MONITOR, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, RO);
      v.addViewTreeFamily(MONITOR, new OID("1.3.6.1.2.1.2"), new OctetString(), VacmMIB.vacmViewExcluded, RO);
      v.addViewTreeFamily(MONITOR, new OID("1.3.6.1.2.1.2.2.1.2"), new OctetString(), VacmMIB.vacmViewIncluded, RO);
      // A family with a mask (RFC 3415: 0 bits are wildcards): ifEntry.*.1 of every column, index 1.
      v.addViewTreeFamily(MONITOR, new OID("1.3.6.1.2.1.2.2.1.0.1"), new OctetString(new byte[] {(byte) 0xff, (byte) 0xb0}),
          VacmMIB.vacmViewIncluded, RO);
    }
  }

  private static List<OID> probes() {
    List<OID> oids = new ArrayList<>();
    for (String s : List.of("1", "1.3", "1.3.6", "1.3.6.1", "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.2", "1.3.6.1.2.1.2.1.0",
        "1.3.6.1.2.1.2.2.1.1.1", "1.3.6.1.2.1.2.2.1.2.1", "1.3.6.1.2.1.2.2.1.2.77", "1.3.6.1.2.1.2.2.1.8.1",
        "1.3.6.1.2.1.2.2.1.8.2", "1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.3", "1.3.6.1.6.3.18.1.1.1.2.4.114.101.97.100",
        "1.3.6.1.6.3.18", "1.3.6.1.6.3.19", "1.3.6.1.4.1.32473.1.1.5.1.1.1", "2.0")) {
      oids.add(new OID(s));
    }
    return oids;
  }

  private void assertSameDecisions() {
    for (OctetString view : List.of(READ, MONITOR, new OctetString("none"), new OctetString())) {
      for (OID oid : probes()) {
        assertThat(cached.isAccessAllowed(view, oid)).as("view %s, %s", view, oid)
            .isEqualTo(stock.isAccessAllowed(view, oid));
      }
    }
  }

  @Test
  void everyDecisionIsSnmp4jAgents() {
    assertSameDecisions();
    assertThat(cached.isAccessAllowed(MONITOR, new OID("1.3.6.1.2.1.2.2.1.8.1"))).isEqualTo(VACM.VACM_OK);
    assertThat(cached.isAccessAllowed(MONITOR, new OID("1.3.6.1.2.1.2.2.1.8.2"))).isEqualTo(VACM.VACM_NOT_IN_VIEW);
    assertThat(cached.isAccessAllowed(new OctetString("none"), new OID("1.3.6.1"))).isEqualTo(VACM.VACM_NO_SUCH_VIEW);
  }

  @Test
  void aFamilyAddedOrRemovedAfterADecisionCountsAtOnce() {
    assertSameDecisions(); // the views are now kept
    for (VacmMIB v : List.of(stock, cached)) {
      v.removeViewTreeFamily(MONITOR, new OID("1.3.6.1.2.1.2"));
      v.addViewTreeFamily(MONITOR, new OID("1.3.6.1.4.1.32473"), new OctetString(), VacmMIB.vacmViewExcluded, RO);
      v.addViewTreeFamily(new OctetString("none"), new OID("1.3.6.1.2"), new OctetString(), VacmMIB.vacmViewIncluded, RO);
    }
    assertSameDecisions();
    assertThat(cached.isAccessAllowed(MONITOR, new OID("1.3.6.1.2.1.2.1.0"))).isEqualTo(VACM.VACM_OK);
    assertThat(cached.isAccessAllowed(MONITOR, new OID("1.3.6.1.4.1.32473.1.1.5.1.1.1")))
        .isEqualTo(VACM.VACM_NOT_IN_VIEW);
  }

  @Test
  void aFamilyReplacedWithTheOtherTypeCountsAtOnce() {
    assertSameDecisions();
    for (VacmMIB v : List.of(stock, cached)) {
      // Same index: the row is replaced in the table (what a SET of the row does through its columns).
      v.addViewTreeFamily(READ, new OID("1.3.6.1.6.3.18"), new OctetString(), VacmMIB.vacmViewIncluded, RO);
    }
    assertSameDecisions();
    assertThat(cached.isAccessAllowed(READ, new OID("1.3.6.1.6.3.18.1.1.1.2"))).isEqualTo(VACM.VACM_OK);
  }

  @Test
  void beforeItsTableIsRegisteredItDecidesAsSnmp4jAgentsToo() {
    CachedViewsVacmMib unregistered = new CachedViewsVacmMib(new MOServer[] {new DefaultMOServer()},
        SecurityModels.getInstance());
    unregistered.addViewTreeFamily(READ, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, RO);
    assertThat(unregistered.isAccessAllowed(READ, new OID("1.3.6.1.2.1.1.1.0"))).isEqualTo(VACM.VACM_OK);
    unregistered.removeViewTreeFamily(READ, new OID("1.3.6.1"));
    assertThat(unregistered.isAccessAllowed(READ, new OID("1.3.6.1.2.1.1.1.0"))).isEqualTo(VACM.VACM_NO_SUCH_VIEW);
  }
}
