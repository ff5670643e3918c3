package dev.cpo.hal.sim.profile;

/**
 * Optical path from laser to receiver, and the receiver's error model.
 *
 * <p>Q = Q(referenceBer) x (received power in mW / reference power in mW); BER = 0.5 erfc(Q / sqrt 2).
 *
 * @param laserToLaneLossDb from laser output to one lane's modulated output (split and modulator loss)
 * @param pathLossDb fibre and connector loss from transmitter to receiver
 * @param pathLossSpreadDb each lane's path loss is spread +- this much (seeded, fixed per lane)
 * @param referenceRxDbm received power at which the BER is referenceBer
 * @param referenceBer pre-FEC BER at referenceRxDbm
 * @param fecLimitBer pre-FEC BER above which uncorrectable codewords appear
 * @param lossOfSignalDbm loss of signal asserts when a lane receives less than this
 * @param lossOfSignalClearDbm and de-asserts only once it receives more than this (hysteresis)
 * @param lossOfLockBer above this pre-FEC BER the lane loses lock and the link goes down, before LOS
 * @param lockRegainBer a lane that lost lock regains it below this BER
 * @param fecDegradedSer pre-FEC symbol error ratio at which the receiver signals FEC degraded
 * @param fecDegradedClearSer and below which it clears
 * @param rxPowerWanderDb received power wanders +- this much (seeded, changing every 10 s), as
 *     connectors and polarisation do; it is what makes a receiver's LOS hysteresis matter
 * @param lineRateGbps lane line rate including FEC overhead
 * @param codewordBits bits per FEC codeword (RS(544,514) with 10-bit symbols: 5440)
 * @param symbolBits bits per FEC symbol
 * @param correctableSymbols symbol errors a codeword survives
 */
public record LinkSpec(
    double laserToLaneLossDb,
    double pathLossDb,
    double pathLossSpreadDb,
    double referenceRxDbm,
    double referenceBer,
    double fecLimitBer,
    double lossOfSignalDbm,
    double lossOfSignalClearDbm,
    double lossOfLockBer,
    double lockRegainBer,
    double fecDegradedSer,
    double fecDegradedClearSer,
    double rxPowerWanderDb,
    double lineRateGbps,
    int codewordBits,
    int symbolBits,
    int correctableSymbols) {

  public LinkSpec {
    Require.range("links.laserToLaneLossDb", laserToLaneLossDb, 0, 60);
    Require.range("links.pathLossDb", pathLossDb, 0, 60);
    Require.range("links.pathLossSpreadDb", pathLossSpreadDb, 0, 10);
    Require.range("links.referenceRxDbm", referenceRxDbm, -40, 20);
    Require.range("links.referenceBer", referenceBer, 1e-30, 1e-3);
    Require.range("links.fecLimitBer", fecLimitBer, referenceBer, 0.5);
    Require.range("links.lossOfSignalDbm", lossOfSignalDbm, -60, referenceRxDbm);
    Require.range("links.lossOfSignalClearDbm", lossOfSignalClearDbm, lossOfSignalDbm, referenceRxDbm);
    Require.range("links.lossOfLockBer", lossOfLockBer, fecLimitBer, 0.5);
    Require.range("links.lockRegainBer", lockRegainBer, referenceBer, lossOfLockBer);
    Require.range("links.fecDegradedSer", fecDegradedSer, 1e-12, 1);
    Require.range("links.fecDegradedClearSer", fecDegradedClearSer, 0, fecDegradedSer);
    Require.range("links.rxPowerWanderDb", rxPowerWanderDb, 0, 3);
    Require.positive("links.lineRateGbps", lineRateGbps);
    Require.positive("links.codewordBits", codewordBits);
    Require.positive("links.symbolBits", symbolBits);
    Require.positive("links.correctableSymbols", correctableSymbols);
  }
}
