package dev.cpo.agent.forecast;

/**
 * The projected end of life of one laser, from its bias trend.
 *
 * @param laser laser entity name
 * @param biasSlopeMilliampsPerDay robust slope of bias current over the window
 * @param endOfLifeBiasMilliamps the bias at which the laser is considered worn out
 * @param secondsToEndOfLife projected time until the bias reaches that level; {@code Long.MAX_VALUE}
 *     when the trend is flat or falling, or there are too few samples
 * @param samples samples in the window
 */
public record LaserForecast(String laser, double biasSlopeMilliampsPerDay, double endOfLifeBiasMilliamps,
    long secondsToEndOfLife, int samples) {

  public boolean known() {
    return secondsToEndOfLife != Long.MAX_VALUE;
  }
}
