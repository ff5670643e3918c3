package dev.cpo.agent.snmp.mib;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.MOGroup;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.PduHandle;
import org.snmp4j.mp.StateReference;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;

/**
 * SNMP4J-Agent's own request processing (GET, GETNEXT, GETBULK, SET with its two-phase commit) over
 * MIB modules, without a network or access control, so module tests see exactly what a manager would.
 */
final class InProcessSnmp {

  private final DefaultMOServer server = new DefaultMOServer();
  private final OctetString engineId = new OctetString(MPv3.createLocalEngineID());
  private final CommandProcessor processor;
  private int requestId;

  InProcessSnmp(MOGroup... groups) throws Exception {
    for (MOGroup g : groups) {
      g.registerMOs(server, null);
    }
    processor = new CommandProcessor(engineId);
    processor.addMOServer(server);
    processor.setVacm(new AllowAll());
  }

  DefaultMOServer server() {
    return server;
  }

  PDU get(OID... oids) {
    return send(PDU.GET, oids);
  }

  PDU getNext(OID... oids) {
    return send(PDU.GETNEXT, oids);
  }

  /** Every varbind under {@code prefix}, by GETNEXT. */
  List<VariableBinding> walk(OID prefix) {
    List<VariableBinding> out = new ArrayList<>();
    OID cur = prefix;
    while (true) {
      PDU r = getNext(cur);
      VariableBinding vb = r.get(0);
      if (r.getErrorStatus() != PDU.noError || vb.isException() || !vb.getOid().startsWith(prefix)) {
        return out;
      }
      out.add(vb);
      cur = vb.getOid();
    }
  }

  PDU set(VariableBinding... vbs) {
    PDU pdu = newPdu();
    pdu.setType(PDU.SET);
    for (VariableBinding vb : vbs) {
      pdu.add(vb);
    }
    return process(pdu);
  }

  private PDU send(int type, OID... oids) {
    PDU pdu = newPdu();
    pdu.setType(type);
    for (OID o : oids) {
      pdu.add(new VariableBinding(o));
    }
    return process(pdu);
  }

  /** A v3 scoped PDU for this engine's default context, as SNMP4J-Agent dispatches by context. */
  private PDU newPdu() {
    ScopedPDU pdu = new ScopedPDU();
    pdu.setContextEngineID(engineId);
    pdu.setContextName(new OctetString());
    return pdu;
  }

  private PDU process(PDU pdu) {
    pdu.setRequestID(new org.snmp4j.smi.Integer32(++requestId));
    AtomicReference<PDU> response = new AtomicReference<>();
    MessageDispatcher dispatcher = (MessageDispatcher) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {MessageDispatcher.class}, (proxy, method, args) -> {
          if (method.getName().equals("returnResponsePdu")) {
            response.set((PDU) args[4]);
            return 0;
          }
          if (method.getReturnType() == int.class) {
            return 0;
          }
          if (method.getReturnType() == boolean.class) {
            return false;
          }
          return null;
        });
    CommandResponderEvent<UdpAddress> event = new CommandResponderEvent<>(dispatcher, null,
        new UdpAddress("127.0.0.1/9"), MessageProcessingModel.MPv3, SecurityModel.SECURITY_MODEL_USM,
        "ops".getBytes(), SecurityLevel.AUTH_PRIV, new PduHandle(requestId), pdu, 65535, new StateReference<>());
    processor.processPdu(event);
    if (response.get() == null) {
      throw new AssertionError("no response to " + pdu);
    }
    return response.get();
  }

  private static final class AllowAll implements VACM {
    @Override
    public int isAccessAllowed(OctetString securityName, OctetString context, int model, int level, int viewType,
        OID oid) {
      return VACM_OK;
    }

    @Override
    public int isAccessAllowed(OctetString viewName, OID oid) {
      return VACM_OK;
    }

    @Override
    public OctetString getViewName(OctetString securityName, OctetString context, int model, int level,
        int viewType) {
      return new OctetString("all");
    }
  }
}
