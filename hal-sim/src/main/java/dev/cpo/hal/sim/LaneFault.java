package dev.cpo.hal.sim;

/** What a lane reports as the reason it is not carrying traffic, as bits (several can hold at once). */
final class LaneFault {

  /** Loss of signal: the receiver gets (almost) no light. */
  static final int LOS = 1;
  /** Light arrives but the BER is past the loss-of-lock level: the lane cannot align. */
  static final int LOSS_OF_LOCK = 2;
  /** The lane's own transmitter emits too little (its laser is dead or far below its power). */
  static final int TX_FAULT = 4;
  /** The far end signals that it does not receive this lane's light. */
  static final int REMOTE_FAULT = 8;
  /** Its laser is initialising or ramping, or the lane is training: it comes up on its own. */
  static final int INITIALISING = 16;
  static final int COMBINATIONS = 32;

  private LaneFault() {}

  /** The HAL fault code of a combination, e.g. {@code tx-fault+remote-fault}; empty for none. */
  static String code(int bits) {
    StringBuilder b = new StringBuilder();
    append(b, bits, LOS, "los");
    append(b, bits, LOSS_OF_LOCK, "loss-of-lock");
    append(b, bits, TX_FAULT, "tx-fault");
    append(b, bits, REMOTE_FAULT, "remote-fault");
    append(b, bits, INITIALISING, "initialising");
    return b.toString();
  }

  private static void append(StringBuilder b, int bits, int bit, String name) {
    if ((bits & bit) != 0) {
      if (b.length() > 0) {
        b.append('+');
      }
      b.append(name);
    }
  }
}
