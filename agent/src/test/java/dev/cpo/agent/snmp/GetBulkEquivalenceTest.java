package dev.cpo.agent.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cpo.agent.poll.PollingConfig;
import dev.cpo.agent.snmp.mib.MibModules;
import dev.cpo.agent.testing.FixedAgentView;
import dev.cpo.hal.sim.ManualClock;
import dev.cpo.hal.sim.SimulatedSwitch;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.MOQuery;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.MOServerLookupEvent;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.agent.mo.lock.LockRequest;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.StateReference;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * GETBULK through this agent's command processor answers exactly as with SNMP4J's own PDUs and VACM: the
 * same variable bindings in the same order, cut at the same place when the response reaches the
 * request's maximum size (RFC 3416 section 4.2.3), with a view that leaves subtrees out (RFC 3415). Both
 * sides process the same requests over the same MIB objects of the simulated default switch; one with
 * {@link ScopedPDU} requests, {@link VacmMIB} and SNMP4J-Agent's registry lookup for every binding, the other
 * with {@link MeasuredScopedPdu}, {@link CachedViewsVacmMib} and the live tables asked directly, as the agent
 * runs.
 */
class GetBulkEquivalenceTest {

  private static final OctetString VIEW = new OctetString("monitor");
  private static final OctetString USER = new OctetString("noc");

  /** Lookups in the switch objects' registry, by either side. */
  private static final AtomicInteger LOOKUPS = new AtomicInteger();

  private static SimulatedSwitch sim;
  private static DefaultMOServer server;
  private static Side stock;
  private static Side measured;

  /** One command processor with its VACM and the PDU class its requests arrive in. */
  private record Side(CpoCommandProcessor processor, Supplier<ScopedPDU> requests, OctetString engineId) {

    /** The response to {@code request} (copied as sent), with its BER length as measured when sent. */
    Response process(int nonRepeaters, int maxRepetitions, int maxSize, List<OID> oids) {
      ScopedPDU pdu = requests.get();
      pdu.setType(PDU.GETBULK);
      pdu.setNonRepeaters(nonRepeaters);
      pdu.setMaxRepetitions(maxRepetitions);
      return process(pdu, maxSize, oids);
    }

    /** A GETNEXT of {@code oids}. */
    Response next(List<OID> oids) {
      ScopedPDU pdu = requests.get();
      pdu.setType(PDU.GETNEXT);
      return process(pdu, 65_507, oids);
    }

    private Response process(ScopedPDU pdu, int maxSize, List<OID> oids) {
      pdu.setRequestID(new Integer32(42));
      pdu.setContextEngineID(engineId);
      pdu.setContextName(new OctetString());
      for (OID oid : oids) {
        pdu.add(new VariableBinding(oid));
      }
      AtomicReference<Response> response = new AtomicReference<>();
      MessageDispatcher dispatcher = (MessageDispatcher) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {MessageDispatcher.class}, (proxy, method, args) -> {
            if (method.getName().equals("returnResponsePdu")) {
              PDU r = (PDU) args[4];
              List<VariableBinding> vbs = new ArrayList<>();
              r.getVariableBindings().forEach(vb -> vbs.add((VariableBinding) vb.clone()));
              response.set(new Response(vbs, r.getErrorStatus(), r.getErrorIndex(), r.getBERLength()));
              return 0;
            }
            if (method.getReturnType() == int.class) {
              return 0;
            }
            return method.getReturnType() == boolean.class ? false : null;
          });
      CommandResponderEvent<UdpAddress> event = new CommandResponderEvent<>(dispatcher, null,
          new UdpAddress("127.0.0.1/9"), MessageProcessingModel.MPv3, SecurityModel.SECURITY_MODEL_USM,
          USER.getValue(), SecurityLevel.AUTH_PRIV, new PduHandle(42), pdu, maxSize, new StateReference<>());
      processor.processPdu(event);
      assertThat(response.get()).as("a response").isNotNull();
      return response.get();
    }
  }

  private record Response(List<VariableBinding> vbs, int errorStatus, int errorIndex, int berLength) {}

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedSwitch.builder().profile("quantum-x-photonics-115t").seed(1).timeScale(1).load(0.6)
        .clock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
    FixedAgentView view = new FixedAgentView(sim.snapshot());
    server = new DefaultMOServer() {
      @Override
      public <M extends ManagedObject<?>> M lookup(MOQuery query, LockRequest lock, MOServerLookupEvent event,
          Class<M> type) {
        LOOKUPS.incrementAndGet();
        return super.lookup(query, lock, event, type);
      }
    };
    for (SnmpModule m : MibModules.create(view, PollingConfig.SECTION.defaults())) {
      m.registerMOs(server, null);
    }
    OctetString engineId = new OctetString(MPv3.createLocalEngineID());
    stock = side(new VacmMIB(new MOServer[] {server}, SecurityModels.getInstance()), ScopedPDU::new, engineId, false);
    measured = side(new CachedViewsVacmMib(new MOServer[] {server}, SecurityModels.getInstance()),
        MeasuredScopedPdu::new, engineId, true);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static Side side(VacmMIB vacm, Supplier<ScopedPDU> requests, OctetString engineId, boolean liveTablesDirect)
      throws Exception {
    // The VACM's own tables go to a server of their own, so that a walk sees only the switch's objects.
    vacm.registerMOs(new DefaultMOServer(), null);
    int ro = StorageType.readOnly;
    OctetString group = new OctetString("readers-v3");
    vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, USER, group, ro);
    vacm.addAccess(group, new OctetString(), SecurityModel.SECURITY_MODEL_USM, SecurityLevel.AUTH_PRIV,
        MutableVACM.VACM_MATCH_EXACT, VIEW, new OctetString(), new OctetString(), ro);
    vacm.addViewTreeFamily(VIEW, new OID("1.3.6.1"), new OctetString(), VacmMIB.vacmViewIncluded, ro);
    // Left out: entPhysicalName, and a column of CPO-SWITCH-MIB's laser table except its first rows' cells.
    vacm.addViewTreeFamily(VIEW, new OID("1.3.6.1.2.1.47.1.1.1.1.7"), new OctetString(), VacmMIB.vacmViewExcluded, ro);
    vacm.addViewTreeFamily(VIEW, new OID("1.3.6.1.4.1.32473.1.1.5.1.3"), new OctetString(), VacmMIB.vacmViewExcluded,
        ro);
    vacm.addViewTreeFamily(VIEW, new OID("1.3.6.1.4.1.32473.1.1.5.1.3.1"), new OctetString(), VacmMIB.vacmViewIncluded,
        ro);
    CpoCommandProcessor processor =
        new CpoCommandProcessor(engineId, SnmpAgent.MAX_MESSAGE_SIZE, new OutTooBigs(), liveTablesDirect);
    processor.addMOServer(server);
    processor.setVacm(vacm);
    return new Side(processor, requests, engineId);
  }

  private static void assertSame(int nonRepeaters, int maxRepetitions, int maxSize, List<OID> oids) {
    Response a = stock.process(nonRepeaters, maxRepetitions, maxSize, oids);
    Response b = measured.process(nonRepeaters, maxRepetitions, maxSize, oids);
    assertSame(a, b, "GETBULK N=" + nonRepeaters + " M=" + maxRepetitions + " max " + maxSize + " of " + oids);
  }

  /**
   * The same bindings, values and length; a TimeStamp (entSensorValueTimeStamp) follows the real
   * uptime, so of those only the type is compared, and the length where every value is the same.
   */
  private static void assertSame(Response a, Response b, String what) {
    assertThat(b.vbs()).as(what).hasSameSizeAs(a.vbs());
    boolean sameValues = true;
    for (int i = 0; i < a.vbs().size(); i++) {
      VariableBinding x = a.vbs().get(i);
      VariableBinding y = b.vbs().get(i);
      assertThat(y.getOid()).as(what).isEqualTo(x.getOid());
      assertThat(y.getSyntax()).as(what + ", " + x.getOid()).isEqualTo(x.getSyntax());
      if (x.getSyntax() != SMIConstants.SYNTAX_TIMETICKS) {
        assertThat(y.getVariable()).as(what + ", " + x.getOid()).isEqualTo(x.getVariable());
      }
      sameValues &= y.getVariable().equals(x.getVariable());
    }
    assertThat(b.errorStatus()).as(what).isEqualTo(a.errorStatus());
    assertThat(b.errorIndex()).as(what).isEqualTo(a.errorIndex());
    if (sameValues) {
      assertThat(b.berLength()).as(what).isEqualTo(a.berLength());
    }
  }

  @Test
  void aFullWalkGetsTheSameResponsesRequestForRequest() {
    // snmpbulkwalk -Cr50 .1 as the benchmark walks, and a 64 KB response size as net-snmp asks for.
    OID next = new OID("1.3.6.1");
    int requests = 0;
    int varbinds = 0;
    while (true) {
      Response a = stock.process(0, 50, 65_507, List.of(next));
      Response b = measured.process(0, 50, 65_507, List.of(next));
      assertSame(a, b, "GETBULK from " + next);
      requests++;
      VariableBinding last = a.vbs().get(a.vbs().size() - 1);
      varbinds += a.vbs().size();
      if (last.isException()) {
        break;
      }
      next = last.getOid();
    }
    assertThat(varbinds).isGreaterThan(100_000);
    assertThat(requests).isGreaterThan(2_000);
  }

  @Test
  void aResponseThatReachesTheMaximumSizeIsCutAtTheSamePlace() {
    List<List<OID>> starts = List.of(
        List.of(new OID("1.3.6.1.2.1.47.1.1.1.1.2")),
        List.of(new OID("1.3.6.1.2.1.47.1.1.1.1.6"), new OID("1.3.6.1.4.1.32473.1.1.5.1.2")),
        List.of(new OID("1.3.6.1.2.1.1"), new OID("1.3.6.1.2.1.99.1.1.1.4"), new OID("1.3.6.1.4.1.32473.1.1.5")),
        List.of(new OID("1.3.6.1.4.1.32473.1.1.12")));
    for (List<OID> oids : starts) {
      for (int nonRepeaters = 0; nonRepeaters <= Math.min(2, oids.size()); nonRepeaters++) {
        for (int maxRepetitions : List.of(0, 1, 10, 50, 500, 5_000)) {
          for (int maxSize : List.of(484, 500, 1_000, 1_472, 4_096, 9_000, 65_507)) {
            assertSame(nonRepeaters, maxRepetitions, maxSize, oids);
          }
        }
      }
    }
    // At least one of these was cut by its size: 5,000 repetitions do not fit 484 bytes.
    Response cut = measured.process(0, 5_000, 484, List.of(new OID("1.3.6.1.2.1.47.1.1.1.1.2")));
    assertThat(cut.vbs()).hasSizeBetween(1, 40);
    assertThat(cut.berLength()).isLessThanOrEqualTo(484);
  }

  @Test
  void repetitionsInsideALiveTableSkipTheRegistryLookupThatStockRepetitionsMake() {
    // entPhysicalDescr, then entPhysicalVendorType: 50 repetitions each, all in entPhysicalTable.
    List<OID> columns = List.of(new OID("1.3.6.1.2.1.47.1.1.1.1.2"), new OID("1.3.6.1.2.1.47.1.1.1.1.3"));
    LOOKUPS.set(0);
    Response a = stock.process(0, 50, 65_507, columns);
    int stockLookups = LOOKUPS.getAndSet(0);
    Response b = measured.process(0, 50, 65_507, columns);
    int directLookups = LOOKUPS.get();
    assertSame(a, b, "GETBULK M=50 of " + columns);
    assertThat(a.vbs()).hasSize(100);
    assertThat(stockLookups).as("stock: one lookup per binding").isGreaterThanOrEqualTo(100);
    // The second column's first binding lies in the table that answered the first's.
    assertThat(directLookups).as("direct: the request's first binding only").isEqualTo(1);
  }

  @Test
  void getNextStepsThroughTablesAndPastTheirEndsTheSame() {
    // entPhysicalTable up to entPhysicalName (left out of the view) and past it, a laser column partly in
    // the view, the end of the MIB, and a second binding in entPhysicalTable, answered by the table the first
    // one's lookup found.
    List<OID> oids = List.of(new OID("1.3.6.1.2.1.47.1.1.1.1.6"), new OID("1.3.6.1.4.1.32473.1.1.5.1.2"),
        new OID("1.3.6.1.4.1.32473.1.1.12"), new OID("1.3.6.1.2.1.47.1.1.1.1.2"));
    for (int step = 0; step < 400; step++) {
      Response a = stock.next(oids);
      Response b = measured.next(oids);
      assertSame(a, b, "GETNEXT of " + oids);
      List<OID> after = new ArrayList<>();
      a.vbs().forEach(vb -> after.add(vb.getOid()));
      oids = after;
    }
  }

  @Test
  void theEndOfTheMibViewEndsBothTheSame() {
    for (int maxSize : List.of(484, 1_472, 65_507)) {
      assertSame(0, 50, maxSize, List.of(new OID("1.3.6.1.4.1.32473.1.1.12.1.9")));
      assertSame(1, 20, maxSize, List.of(new OID("1.3.6.1.4.1.32473.99"), new OID("1.3.6.1.4.1.32473.1.1.12")));
      assertSame(0, 20, maxSize, List.of(new OID("1.3.6.1.4.1.32473.99"), new OID("2")));
    }
  }
}
