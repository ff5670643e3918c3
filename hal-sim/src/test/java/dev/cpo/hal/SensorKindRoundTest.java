package dev.cpo.hal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SensorKind#round} gives exactly the double the decimal rounding gives (BigDecimal, as it was
 * written first), for readings of every kind, ties and values past the fast path included.
 */
class SensorKindRoundTest {

  /** The rule as first written: the decimal rounding, which the fast path must match bit for bit. */
  private static double decimal(SensorKind kind, double value) {
    if (!Double.isFinite(value)) {
      return value;
    }
    int d = kind.decimals();
    if (d < 0) {
      return value == 0 ? 0 : new BigDecimal(value).round(new MathContext(3)).doubleValue();
    }
    return BigDecimal.valueOf(value).setScale(d, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static void same(SensorKind kind, double value) {
    assertThat(Double.doubleToRawLongBits(kind.round(value)))
        .as("%s %s: %s vs %s", kind, value, kind.round(value), decimal(kind, value))
        .isEqualTo(Double.doubleToRawLongBits(decimal(kind, value)));
  }

  @Test
  void everyKindRoundsRandomReadingsOfEveryMagnitudeAsTheDecimalRoundingDoes() {
    SplittableRandom random = new SplittableRandom(14);
    for (SensorKind kind : SensorKind.values()) {
      for (int i = 0; i < 30_000; i++) {
        double magnitude = Math.pow(10, random.nextInt(-22, 13));
        double value = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * magnitude;
        same(kind, value);
      }
    }
  }

  @Test
  void tiesNegativeZeroAndTheEdgesOfTheFastPathRoundAsTheDecimalRoundingDoes() {
    double[] values = {0.125, 0.375, 2.5, 3.5, -2.5, 1.005, 1.0005, 355.70000000000005, 3.2998000000000003,
        -0.0001, -0.00004, -0.0, 0.0, 0.5, 0.05, 0.005, 0.0005, 0.00005, 9.995, 9.9995, 999.5, 1e9, -1e9, 1e12,
        2.345e-9, 9.995e-10, 9.996e-10, 1.005e-12, 1.235e-5, 0.9995, 99.95, 1e-21, 1e-25, 123456.5, 228675.0,
        Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (SensorKind kind : SensorKind.values()) {
      for (double v : values) {
        same(kind, v);
        same(kind, Math.nextUp(v));
        same(kind, Math.nextDown(v));
      }
    }
  }

  @Test
  void aReadingLosesItsBinaryNoise() {
    assertThat(SensorKind.BIAS_CURRENT.round(355.70000000000005)).hasToString("355.7");
    assertThat(SensorKind.VOLTAGE.round(3.2998000000000003)).hasToString("3.2998");
    assertThat(SensorKind.PRE_FEC_BER.round(2.3456789e-9)).hasToString("2.35E-9");
    assertThat(SensorKind.TX_POWER.round(-0.001)).hasToString("0.0");
  }
}
