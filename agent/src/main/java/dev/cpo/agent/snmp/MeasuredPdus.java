package dev.cpo.agent.snmp;

import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.util.PDUFactory;

/**
 * The PDUs the message processing models decode incoming messages into: {@link MeasuredPdu} for
 * SNMPv2c, {@link MeasuredScopedPdu} for SNMPv3. SNMP4J-Agent's response is a clone of the request,
 * so it is measured the same way.
 */
final class MeasuredPdus {

  private MeasuredPdus() {}

  static final PDUFactory V2C = new PDUFactory() {
    @Override
    public PDU createPDU(Target<?> target) {
      return new MeasuredPdu();
    }

    @Override
    public PDU createPDU(MessageProcessingModel messageProcessingModel) {
      return new MeasuredPdu();
    }
  };

  static final PDUFactory V3 = new PDUFactory() {
    @Override
    public PDU createPDU(Target<?> target) {
      return new MeasuredScopedPdu();
    }

    @Override
    public PDU createPDU(MessageProcessingModel messageProcessingModel) {
      return new MeasuredScopedPdu();
    }
  };
}
