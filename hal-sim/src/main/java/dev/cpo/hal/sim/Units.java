package dev.cpo.hal.sim;

/** Optical power unit conversions. */
final class Units {

  /** What a dark receiver reports: CMIS power registers bottom out at 0.1 uW; we floor at -40 dBm. */
  static final double FLOOR_DBM = -40;

  private Units() {}

  static double dbmToMilliwatts(double dbm) {
    return Math.pow(10, dbm / 10);
  }

  static double milliwattsToDbm(double mw) {
    if (mw <= 1e-4) {
      return FLOOR_DBM;
    }
    return Math.max(FLOOR_DBM, 10 * Math.log10(mw));
  }
}
