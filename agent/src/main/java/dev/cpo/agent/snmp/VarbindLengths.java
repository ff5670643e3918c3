package dev.cpo.agent.snmp;

import java.util.List;
import org.snmp4j.asn1.BER;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * The BER length of a PDU's variable bindings, remembering each binding's name length between calls.
 *
 * <p>SNMP4J-Agent measures the whole response PDU before each repetition of a GETBULK (and again for
 * each sub-request when it releases the request), so a 50-repetition response measured every name 25
 * times on average; the name's length is most of that work. A binding's value is set after it joins
 * the response, and may be set again, so each call still visits every binding: its value's length is
 * computed afresh each time, and its name's length is reused only while the binding, its {@link OID}
 * and the OID's sub-identifier array are the very objects it was measured with ({@code setOid},
 * {@code append}, {@code trim}, decoding and cloning all put a new array in place). The one change not
 * seen is a sub-identifier written into the array in place ({@link OID#set}), which nothing in SNMP4J,
 * SNMP4J-Agent or this agent does to a binding's name. The result is what
 * {@link org.snmp4j.PDU#getBERLength(List)} returns.
 *
 * <p>Not thread-safe in its counting, but safe to share: each remembered length is an immutable
 * record checked by identity, so a race costs a recomputation, never a wrong length.
 */
final class VarbindLengths {

  /** A binding's name as measured: the objects it was measured with and the name's BER length. */
  private record Measured(VariableBinding vb, OID oid, int[] subIds, int oidLength) {}

  private Measured[] measured = new Measured[0];

  /** The sum of the BER lengths of {@code vbs}, as {@code PDU.getBERLength(vbs)}. */
  int berLength(List<? extends VariableBinding> vbs) {
    int n = vbs.size();
    Measured[] m = measured;
    if (m.length < n) {
      Measured[] grown = new Measured[Math.max(n, 2 * m.length)];
      System.arraycopy(m, 0, grown, 0, m.length);
      m = grown;
      measured = grown;
    }
    int length = 0;
    for (int i = 0; i < n; i++) {
      VariableBinding vb = vbs.get(i);
      OID oid = vb.getOid();
      Measured e = m[i];
      int oidLength;
      if (e != null && e.vb == vb && e.oid == oid && e.subIds == oid.getValue()) {
        oidLength = e.oidLength;
      } else {
        oidLength = oid.getBERLength();
        m[i] = new Measured(vb, oid, oid.getValue(), oidLength);
      }
      int payload = oidLength + vb.getVariable().getBERLength();
      length += payload + BER.getBERLengthOfLength(payload) + 1;
    }
    return length;
  }
}
