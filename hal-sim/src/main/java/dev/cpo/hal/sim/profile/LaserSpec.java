package dev.cpo.hal.sim.profile;

/**
 * One CW laser under automatic power control (APC), held at its setpoint by a TEC.
 *
 * <p>bias = thresholdMilliamps x exp((T - setpoint) / characteristicKelvin) x (1 + d)
 * + outputMilliwatts / slopeMilliwattsPerMilliamp x (1 + d), where d is the laser's degradation (the
 * fractional bias increase at the setpoint), growing with age.
 *
 * @param wavelengthNm emission wavelength
 * @param outputMilliwatts APC output power
 * @param thresholdMilliamps threshold current at the setpoint, beginning of life
 * @param slopeMilliwattsPerMilliamp slope efficiency, beginning of life
 * @param characteristicKelvin T0 of the threshold current
 * @param setpointCelsius TEC setpoint
 * @param forwardVolts diode forward voltage, for electrical power
 * @param tecBasePercent TEC current when the case is at tecReferenceCaseCelsius
 * @param tecReferenceCaseCelsius case temperature for tecBasePercent
 * @param tecPercentPerKelvin TEC current rise per kelvin of case temperature; it saturates at 100 %
 * @param tecWattsAtFull TEC electrical power at 100 %
 * @param untetheredRiseKelvin laser temperature above its case when the TEC does not work
 * @param timeConstantSeconds thermal time constant of the laser on its TEC
 * @param endOfLifeBiasIncreasePercent bias increase over beginning of life that is 100 % laser age
 * @param initialDegradationSpreadPercent bias increase of a new laser is spread 0..this (seeded)
 * @param agingPercentPerYear bias increase per year of emission in normal service
 * @param shutdownCelsius the module turns a laser off above this temperature (TEC runaway)
 * @param maxBiasMilliamps the APC driver's current ceiling: a laser that needs more for its output power
 *     gets this much, and its power sags
 * @param rampSeconds an enabled or inserted laser ramps from dark to its output power over this time
 * @param frequencyGrid the lasers' frequency plan, which says whether the module reports a per-laser
 *     frequency (OIF ELSFP's per-lane frequency): {@code dr}, every laser at one wavelength
 *     ({@code wavelengthNm}, as 800G-DR optics use); {@code cw-wdm}, laser l of n at
 *     c/wavelengthNm + (l - (n+1)/2) x gridSpacingGhz (a CW-WDM MSA style comb centred on the
 *     wavelength); {@code none}, the module reports no frequency
 * @param gridSpacingGhz for {@code cw-wdm}: the spacing between neighbouring lasers
 * @param tuningGhzPerKelvin frequency change per kelvin of laser temperature off its setpoint (negative:
 *     a DFB laser's wavelength grows with temperature)
 */
public record LaserSpec(
    double wavelengthNm,
    double outputMilliwatts,
    double thresholdMilliamps,
    double slopeMilliwattsPerMilliamp,
    double characteristicKelvin,
    double setpointCelsius,
    double forwardVolts,
    double tecBasePercent,
    double tecReferenceCaseCelsius,
    double tecPercentPerKelvin,
    double tecWattsAtFull,
    double untetheredRiseKelvin,
    double timeConstantSeconds,
    double endOfLifeBiasIncreasePercent,
    double initialDegradationSpreadPercent,
    double agingPercentPerYear,
    double shutdownCelsius,
    double maxBiasMilliamps,
    double rampSeconds,
    String frequencyGrid,
    double gridSpacingGhz,
    double tuningGhzPerKelvin) {

  /** The frequency plans {@code frequencyGrid} may name. */
  public static final java.util.List<String> GRIDS = java.util.List.of("dr", "cw-wdm", "none");

  /** Speed of light in vacuum, m/s (exact, SI). */
  private static final double C = 299_792_458;

  public LaserSpec {
    Require.range("lasers.wavelengthNm", wavelengthNm, 800, 1700);
    Require.range("lasers.outputMilliwatts", outputMilliwatts, 1, 1000);
    Require.positive("lasers.thresholdMilliamps", thresholdMilliamps);
    Require.positive("lasers.slopeMilliwattsPerMilliamp", slopeMilliwattsPerMilliamp);
    Require.range("lasers.characteristicKelvin", characteristicKelvin, 10, 500);
    Require.range("lasers.setpointCelsius", setpointCelsius, 0, 100);
    Require.positive("lasers.forwardVolts", forwardVolts);
    Require.range("lasers.tecBasePercent", tecBasePercent, 0, 100);
    Require.range("lasers.tecReferenceCaseCelsius", tecReferenceCaseCelsius, -20, 100);
    Require.positive("lasers.tecPercentPerKelvin", tecPercentPerKelvin);
    Require.range("lasers.tecWattsAtFull", tecWattsAtFull, 0, 20);
    Require.range("lasers.untetheredRiseKelvin", untetheredRiseKelvin, 0, 100);
    Require.positive("lasers.timeConstantSeconds", timeConstantSeconds);
    Require.range("lasers.endOfLifeBiasIncreasePercent", endOfLifeBiasIncreasePercent, 1, 500);
    Require.range("lasers.initialDegradationSpreadPercent", initialDegradationSpreadPercent, 0, 100);
    Require.range("lasers.agingPercentPerYear", agingPercentPerYear, 0, 100);
    Require.range("lasers.shutdownCelsius", shutdownCelsius, setpointCelsius, 200);
    Require.range("lasers.maxBiasMilliamps", maxBiasMilliamps,
        thresholdMilliamps + outputMilliwatts / slopeMilliwattsPerMilliamp, 10_000);
    Require.range("lasers.rampSeconds", rampSeconds, 0, 600);
    if (!GRIDS.contains(frequencyGrid)) {
      throw new IllegalArgumentException("lasers.frequencyGrid must be one of " + GRIDS + ", was '" + frequencyGrid
          + "'");
    }
    Require.range("lasers.gridSpacingGhz", gridSpacingGhz, 0, 10_000);
    if ("cw-wdm".equals(frequencyGrid) && gridSpacingGhz <= 0) {
      throw new IllegalArgumentException("lasers.gridSpacingGhz must be above 0 for a cw-wdm grid");
    }
    Require.range("lasers.tuningGhzPerKelvin", tuningGhzPerKelvin, -100, 100);
  }

  /** Whether the module reports each laser's frequency. */
  public boolean reportsFrequency() {
    return !"none".equals(frequencyGrid);
  }

  /**
   * Nominal frequency of laser {@code laser} (0-based) of a module with {@code lasersPerModule} lasers,
   * in GHz; NaN when the grid is {@code none}.
   */
  public double nominalFrequencyGhz(int laser, int lasersPerModule) {
    double centre = C / (wavelengthNm * 1e-9) / 1e9;
    return switch (frequencyGrid) {
      case "dr" -> centre;
      case "cw-wdm" -> centre + (laser + 1 - (lasersPerModule + 1) / 2.0) * gridSpacingGhz;
      default -> Double.NaN;
    };
  }

  /** Bias at the setpoint, beginning of life. */
  public double beginningOfLifeBiasMilliamps() {
    return thresholdMilliamps + outputMilliwatts / slopeMilliwattsPerMilliamp;
  }
}
