package dev.cpo.hal.sim;

import dev.cpo.hal.sim.profile.LinkSpec;

/**
 * The receiver's error model: Q proportional to received power (linear units), BER from Q, FEC
 * codeword outcomes from BER. Pure functions of a {@link LinkSpec}.
 */
final class LinkModel {

  private final double qReference;
  private final double referenceMilliwatts;
  private final double codewordsPerSecond;
  private final int codewordBits;
  private final int symbolsPerCodeword;
  private final int symbolBits;
  private final int correctableSymbols;
  private final double logChooseFirstUncorrectable;

  LinkModel(LinkSpec spec) {
    qReference = qForBer(spec.referenceBer());
    referenceMilliwatts = Units.dbmToMilliwatts(spec.referenceRxDbm());
    codewordsPerSecond = spec.lineRateGbps() * 1e9 / spec.codewordBits();
    codewordBits = spec.codewordBits();
    symbolBits = spec.symbolBits();
    symbolsPerCodeword = spec.codewordBits() / spec.symbolBits();
    correctableSymbols = spec.correctableSymbols();
    int k = correctableSymbols + 1;
    double lc = 0;
    for (int i = 0; i < k; i++) {
      lc += Math.log(symbolsPerCodeword - i) - Math.log(i + 1);
    }
    logChooseFirstUncorrectable = lc;
  }

  /** Pre-FEC BER at a received power, before any extra impairment. */
  double ber(double rxMilliwatts, double qFactorScale) {
    double q = qReference * (rxMilliwatts / referenceMilliwatts) * qFactorScale;
    return berForQ(q);
  }

  static double berForQ(double q) {
    if (q <= 0) {
      return 0.5;
    }
    return 0.5 * Erfc.erfc(q / Math.sqrt(2));
  }

  /** Inverse of {@link #berForQ} by bisection (used once per profile). */
  static double qForBer(double ber) {
    double lo = 0;
    double hi = 40;
    for (int i = 0; i < 200; i++) {
      double mid = (lo + hi) / 2;
      if (berForQ(mid) > ber) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  double codewordsPerSecond() {
    return codewordsPerSecond;
  }

  /** Probability that a codeword has at least one bit error. */
  double erroredCodewordProbability(double ber) {
    if (ber <= 0) {
      return 0;
    }
    return -Math.expm1(codewordBits * Math.log1p(-Math.min(ber, 0.5)));
  }

  /** Probability that one FEC symbol has at least one bit error. */
  double symbolErrorProbability(double ber) {
    if (ber <= 0) {
      return 0;
    }
    return -Math.expm1(symbolBits * Math.log1p(-Math.min(ber, 0.5)));
  }

  /**
   * Expected bit error ratio after FEC: an uncorrectable codeword passes its errors on, about one more
   * symbol error than the FEC corrects (or the mean, when larger), each of about {@code ber x symbolBits
   * / P(symbol error)} bits.
   */
  double postFecBer(double ber, double uncorrectable) {
    if (uncorrectable <= 0) {
      return 0;
    }
    double ps = symbolErrorProbability(ber);
    double symbols = Math.max(correctableSymbols + 1, ps * symbolsPerCodeword);
    double bitsPerSymbol = Math.min(symbolBits, Math.max(1, Math.min(ber, 0.5) * symbolBits / ps));
    return Math.min(0.5, uncorrectable * symbols * bitsPerSymbol / codewordBits);
  }

  /** Symbol errors the FEC corrects per codeword (the histogram has bins 0..this). */
  int correctableSymbols() {
    return correctableSymbols;
  }

  /**
   * Fills {@code out[k]} with the probability that a codeword has exactly k symbol errors, k = 0 ..
   * correctable (the binomial law over the codeword's symbols); past that it is uncorrectable.
   */
  void symbolErrorDistribution(double ber, double[] out) {
    double ps = symbolErrorProbability(ber);
    if (ps <= 0) {
      java.util.Arrays.fill(out, 0);
      out[0] = 1;
      return;
    }
    double logTerm = symbolsPerCodeword * Math.log1p(-ps);
    double logRatio = Math.log(ps) - Math.log1p(-ps);
    for (int k = 0; k < out.length; k++) {
      out[k] = Math.exp(logTerm);
      logTerm += Math.log((double) (symbolsPerCodeword - k) / (k + 1)) + logRatio;
    }
  }

  /**
   * Probability that a codeword has more symbol errors than the FEC corrects: the binomial tail,
   * vanishing at healthy BER (1e-7: far under one codeword a year) and rising steeply near the FEC
   * limit, where the counts become a few per hour and then per second.
   */
  double uncorrectableCodewordProbability(double ber) {
    if (ber <= 0) {
      return 0;
    }
    double ps = -Math.expm1(symbolBits * Math.log1p(-Math.min(ber, 0.5)));
    double mean = ps * symbolsPerCodeword;
    int k = correctableSymbols + 1;
    if (mean >= k) {
      // The tail is the bulk: 1 - P(at most `correctable` errors) keeps full precision.
      return Math.max(0, 1 - head(ps));
    }
    // The tail is small: sum it term by term from k upward; terms fall fast.
    double logTerm = logChooseFirstUncorrectable + k * Math.log(ps) + (symbolsPerCodeword - k) * Math.log1p(-ps);
    double term = Math.exp(logTerm);
    double sum = 0;
    double ratio = ps / (1 - ps);
    for (; k <= symbolsPerCodeword; k++) {
      sum += term;
      if (term < sum * 1e-15) {
        break;
      }
      term *= (double) (symbolsPerCodeword - k) / (k + 1) * ratio;
    }
    return Math.min(1, sum);
  }

  /** P(at most `correctable` symbol errors in a codeword). */
  private double head(double ps) {
    double term = Math.exp(symbolsPerCodeword * Math.log1p(-ps));
    double sum = 0;
    double ratio = ps / (1 - ps);
    for (int j = 0; j <= correctableSymbols; j++) {
      sum += term;
      term *= (double) (symbolsPerCodeword - j) / (j + 1) * ratio;
    }
    return sum;
  }
}
