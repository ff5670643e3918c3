package dev.cpo.hal;

/**
 * What the hardware keeps about each port's link beyond its state: when it last changed, the FEC
 * symbol-error histogram, and the post-FEC bit error ratio. Columnar (arrays indexed by port - 1), owned
 * by the snapshot that carries it.
 */
public final class PortLinks {

  private final long[] lastChangeMillis;
  private final long[][] fecHistogram;
  private final double[] postFecBer;

  /**
   * @param lastChangeMillis per port: HAL clock time its link last went up or down, 0 if not since the HAL
   *     started
   * @param fecHistogram per bin k (codewords received with exactly k symbol errors, k = 0 .. the FEC's
   *     correctable count), then per port; no bins when the HAL does not count them
   * @param postFecBer per port: the bit error ratio left after FEC (NaN when unknown)
   */
  public PortLinks(long[] lastChangeMillis, long[][] fecHistogram, double[] postFecBer) {
    if (postFecBer.length != lastChangeMillis.length) {
      throw new IllegalArgumentException("postFecBer must have one entry per port");
    }
    for (long[] bin : fecHistogram) {
      if (bin.length != lastChangeMillis.length) {
        throw new IllegalArgumentException("each fecHistogram bin must have one entry per port");
      }
    }
    this.lastChangeMillis = lastChangeMillis;
    this.fecHistogram = fecHistogram;
    this.postFecBer = postFecBer;
  }

  /** No link history: what a HAL that does not keep it reports. */
  public static PortLinks none(int ports) {
    double[] ber = new double[ports];
    java.util.Arrays.fill(ber, Double.NaN);
    return new PortLinks(new long[ports], new long[0][], ber);
  }

  int ports() {
    return lastChangeMillis.length;
  }

  long lastChangeMillis(int port0) {
    return lastChangeMillis[port0];
  }

  int bins() {
    return fecHistogram.length;
  }

  long histogram(int bin, int port0) {
    return fecHistogram[bin][port0];
  }

  double postFecBer(int port0) {
    return postFecBer[port0];
  }
}
