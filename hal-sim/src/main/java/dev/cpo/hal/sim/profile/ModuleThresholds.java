package dev.cpo.hal.sim.profile;

/**
 * Levels at which modules latch their CMIS-like flags (the modules' own thresholds, not the agent's).
 *
 * @param laserTempHighWarningCelsius laser temperature high warning
 * @param laserTempHighAlarmCelsius laser temperature high alarm
 * @param caseTempHighWarningCelsius laser module case high warning
 * @param caseTempHighAlarmCelsius laser module case high alarm
 * @param engineTempHighWarningCelsius optical engine high warning
 * @param engineTempHighAlarmCelsius optical engine high alarm
 * @param biasHighWarningPercent bias above beginning of life, high warning
 * @param biasHighAlarmPercent bias above beginning of life, high alarm
 * @param biasLowAlarmMilliamps bias low alarm
 * @param txPowerLowAlarmDb laser output below nominal by this much, low alarm
 * @param biasLowWarningMilliamps bias low warning
 * @param txPowerLowWarningDb laser output below nominal by this much, low warning
 * @param txPowerHighWarningDb laser output above nominal by this much, high warning
 * @param txPowerHighAlarmDb laser output above nominal by this much, high alarm
 */
public record ModuleThresholds(
    double laserTempHighWarningCelsius,
    double laserTempHighAlarmCelsius,
    double caseTempHighWarningCelsius,
    double caseTempHighAlarmCelsius,
    double engineTempHighWarningCelsius,
    double engineTempHighAlarmCelsius,
    double biasHighWarningPercent,
    double biasHighAlarmPercent,
    double biasLowAlarmMilliamps,
    double txPowerLowAlarmDb,
    double biasLowWarningMilliamps,
    double txPowerLowWarningDb,
    double txPowerHighWarningDb,
    double txPowerHighAlarmDb) {

  public ModuleThresholds {
    Require.range("moduleThresholds.laserTempHighAlarmCelsius", laserTempHighAlarmCelsius, laserTempHighWarningCelsius, 200);
    Require.range("moduleThresholds.caseTempHighAlarmCelsius", caseTempHighAlarmCelsius, caseTempHighWarningCelsius, 200);
    Require.range(
        "moduleThresholds.engineTempHighAlarmCelsius", engineTempHighAlarmCelsius, engineTempHighWarningCelsius, 200);
    Require.range("moduleThresholds.biasHighAlarmPercent", biasHighAlarmPercent, biasHighWarningPercent, 1000);
    Require.range("moduleThresholds.biasHighWarningPercent", biasHighWarningPercent, 0, 1000);
    Require.range("moduleThresholds.biasLowAlarmMilliamps", biasLowAlarmMilliamps, 0, 10_000);
    Require.range("moduleThresholds.txPowerLowAlarmDb", txPowerLowAlarmDb, 0, 60);
    Require.range("moduleThresholds.biasLowWarningMilliamps", biasLowWarningMilliamps, biasLowAlarmMilliamps, 10_000);
    Require.range("moduleThresholds.txPowerLowWarningDb", txPowerLowWarningDb, 0, txPowerLowAlarmDb);
    Require.range("moduleThresholds.txPowerHighWarningDb", txPowerHighWarningDb, 0, 60);
    Require.range("moduleThresholds.txPowerHighAlarmDb", txPowerHighAlarmDb, txPowerHighWarningDb, 60);
  }
}
