package dev.cpo.agent.snmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.snmp4j.ScopedPDU;
import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityParameters;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityStateReference;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * SNMP4J's USM with the two things RFC 3414 section 3.2 asks that it leaves out.
 *
 * <p>Step 8: a message that does not decrypt counts in usmStatsDecryptionErrors and is answered with a
 * report. AES in CFB mode (RFC 3826) cannot itself fail, so SNMP4J hands on whatever a wrong key
 * produces and the dispatcher counts it as an ASN.1 parse error with no answer. Here, an authenticated
 * message (its digest was right) whose plaintext is not a scopedPDU is a decryption error, which is the
 * only way it can come about; the report goes out noAuthNoPriv, as net-snmp's snmpd sends it.
 *
 * <p>The response size: the largest scopedPDU we answer with is bounded by the lesser of the request's
 * msgMaxSize and our own limit, the datagram ({@code maxMessageSize}), less every byte the message
 * around it can take. SNMP4J's estimate leaves out the outer SEQUENCE, msgVersion, the OCTET STRING
 * wrapping the security parameters and the encrypted PDU, and the privacy padding; without them a
 * response could exceed either limit by a few bytes and be dropped by the network stack.
 */
final class CpoUsm extends USM {

  /**
   * Bytes of a v3 message SNMP4J's estimate leaves out: outer SEQUENCE header (4), msgVersion (3),
   * the OCTET STRING headers of msgSecurityParameters (4) and of the encrypted scopedPDU (4), and
   * padding up to a DES block (8).
   */
  static final int UNCOUNTED_OVERHEAD = 4 + 3 + 4 + 4 + 8;

  private final int maxMessageSize;

  CpoUsm(SecurityProtocols protocols, OctetString engineId, int engineBoots, CounterSupport counters,
      int maxMessageSize) {
    super(protocols, engineId, engineBoots, counters);
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public int processIncomingMsg(int snmpVersion, int maxMessageSize, SecurityParameters securityParameters,
      SecurityModel securityModel, int securityLevel, BERInputStream wholeMsg,
      TransportStateReference tmStateReference, OctetString securityEngineID, OctetString securityName,
      BEROutputStream scopedPDU, Integer32 maxSizeResponseScopedPDU, SecurityStateReference securityStateReference,
      StatusInformation statusInfo) throws IOException {
    // maxMessageSize here is the request's msgMaxSize less SNMP4J's header estimate.
    int limit = Math.min(maxMessageSize, this.maxMessageSize - MPv3.MAX_HEADER_LENGTH) - UNCOUNTED_OVERHEAD;
    int status = super.processIncomingMsg(snmpVersion, limit, securityParameters, securityModel, securityLevel,
        wholeMsg, tmStateReference, securityEngineID, securityName, scopedPDU, maxSizeResponseScopedPDU,
        securityStateReference, statusInfo);
    boolean undecryptable = status == SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR
        || (status == SnmpConstants.SNMPv3_USM_OK && securityLevel == SecurityLevel.AUTH_PRIV
            && !isScopedPdu(scopedPDU));
    if (undecryptable) {
      CounterEvent event = new CounterEvent(this, SnmpConstants.usmStatsDecryptionErrors);
      fireIncrementCounter(event);
      if (statusInfo != null) {
        statusInfo.setSecurityLevel(new Integer32(SecurityLevel.NOAUTH_NOPRIV));
        statusInfo.setErrorIndication(new VariableBinding(event.getOid(), event.getCurrentValue()));
      }
      return SnmpConstants.SNMPv3_USM_DECRYPTION_ERROR;
    }
    return status;
  }

  private static boolean isScopedPdu(BEROutputStream plaintext) {
    ByteBuffer buffer = plaintext.getBuffer();
    if (buffer == null) {
      return false;
    }
    // rewind() moves to the plaintext's start (MPv3 rewinds again before it decodes); read a copy.
    ByteBuffer copy = plaintext.rewind().duplicate();
    try {
      new ScopedPDU().decodeBER(new BERInputStream(copy));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
