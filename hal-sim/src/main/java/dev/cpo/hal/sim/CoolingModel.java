package dev.cpo.hal.sim;

import dev.cpo.hal.sim.profile.AsicSpec;
import dev.cpo.hal.sim.profile.CoolingSpec;
import dev.cpo.hal.sim.profile.EngineSpec;
import dev.cpo.hal.sim.profile.Profile;

/**
 * Heat: fans spin towards their demand; each liquid loop carries its ASICs' and engines' heat
 * (outlet = inlet + heat / (flow x density x heat capacity)); each cold plate sits at its loop's
 * mean coolant temperature plus power x (conduction + convection x flow^-0.8); laser module cases and
 * the chassis air warm with their power and the fans' air flow. Every temperature follows its steady
 * state with its own first-order time constant.
 */
final class CoolingModel {

  /** Natural convection keeps some air moving over the laser modules with every fan stopped. */
  private static final double RESIDUAL_AIRFLOW = 0.1;
  /** Chassis air warms with total power, less so with more fan units (estimate: ~8 K at 4 kW, 2 fans). */
  private static final double CHASSIS_KELVIN_PER_WATT_PER_FAN = 0.004;
  private static final double CHASSIS_TAU_SECONDS = 120;

  private final Topology t;
  private final SimState s;
  private final FaultEffects fx;
  private final Profile p;
  private final double loopHeatCapacityWattsPerKelvin;
  private final double[] loopHeat;
  private final double[] loopMeanCoolant;
  private final double[] loopEffectiveFlow;
  private final double[] asicCoolant;
  private final double[] asicConvection;
  /** After the last step: the largest distance of a temperature to its steady state (K), of a fan to its target (share of its maximum). */
  private double unsettledKelvin;
  private double unsettledFanFraction;

  CoolingModel(Topology t, SimState s, FaultEffects fx) {
    this.t = t;
    this.s = s;
    this.fx = fx;
    this.p = t.profile;
    CoolingSpec c = p.cooling();
    this.loopHeatCapacityWattsPerKelvin = c.flowLitresPerMinute() / 60 * c.coolantDensityKgPerLitre()
        * c.coolantHeatCapacityJoulesPerKgKelvin();
    loopHeat = new double[t.loops];
    loopMeanCoolant = new double[t.loops];
    loopEffectiveFlow = new double[t.loops];
    asicCoolant = new double[t.asics];
    asicConvection = new double[t.asics];
  }

  void startStep() {
    unsettledKelvin = 0;
    unsettledFanFraction = 0;
  }

  /** See {@link Physics#settled}. */
  boolean settled(double kelvin, double fanFraction) {
    return unsettledKelvin < kelvin && unsettledFanFraction < fanFraction;
  }

  private void unsettled(double steady, double temperature) {
    unsettledKelvin = Math.max(unsettledKelvin, Math.abs(steady - temperature));
  }

  void fans(double h) {
    CoolingSpec c = p.cooling();
    for (int f = 0; f < t.fans; f++) {
      double target = fx.fanFailed[f] ? 0 : c.fanMaxRpm() * s.fanDemandPercent[f] / 100;
      s.fanRpm[f] += (target - s.fanRpm[f]) * Thermal.fraction(h, c.fanTimeConstantSeconds());
      unsettledFanFraction = Math.max(unsettledFanFraction, Math.abs(target - s.fanRpm[f]) / c.fanMaxRpm());
    }
  }

  void loops() {
    CoolingSpec c = p.cooling();
    for (int j = 0; j < t.loops; j++) {
      double flowFraction = fx.loopFlowFactor[j];
      s.loopFlowLpm[j] = c.flowLitresPerMinute() * flowFraction;
      loopEffectiveFlow[j] = Math.max(c.residualFlowFraction(), flowFraction);
      double inlet = fx.loopInletCelsius[j];
      s.loopInlet[j] = Double.isNaN(inlet) ? c.inletCelsius() : inlet;
    }
  }

  void thermal(double h) {
    AsicSpec as = p.asics();
    EngineSpec es = p.opticalEngines();
    CoolingSpec c = p.cooling();
    java.util.Arrays.fill(loopHeat, 0);
    for (int a = 0; a < t.asics; a++) {
      spread(t.asicLoops[a], s.asicWatts[a]);
    }
    for (int e = 0; e < t.engines; e++) {
      spread(t.asicLoops[t.engineAsic[e]], s.engineWatts[e]);
    }
    for (int j = 0; j < t.loops; j++) {
      double capacity = loopHeatCapacityWattsPerKelvin * loopEffectiveFlow[j];
      s.loopOutlet[j] = s.loopInlet[j] + loopHeat[j] / capacity;
      loopMeanCoolant[j] = s.loopInlet[j] + loopHeat[j] / (2 * capacity);
    }
    double asicApproach = Thermal.fraction(h, as.timeConstantSeconds());
    for (int a = 0; a < t.asics; a++) {
      asicCoolant[a] = coolant(t.asicLoops[a]);
      asicConvection[a] = convection(t.asicLoops[a], c);
      double steady = asicCoolant[a] + s.asicWatts[a] * (as.junctionToPlateKelvinPerWatt()
          + as.plateToCoolantKelvinPerWatt() * asicConvection[a]) + fx.asicExtraKelvin[a];
      s.asicTemp[a] += (steady - s.asicTemp[a]) * asicApproach;
      unsettled(steady, s.asicTemp[a]);
    }
    double engineApproach = Thermal.fraction(h, es.timeConstantSeconds());
    for (int e = 0; e < t.engines; e++) {
      int a = t.engineAsic[e];
      double steady = asicCoolant[a] + s.engineWatts[e] * (es.junctionToPlateKelvinPerWatt()
          + es.plateToCoolantKelvinPerWatt() * asicConvection[a]) + fx.engineExtraKelvin[e];
      s.engineTemp[e] += (steady - s.engineTemp[e]) * engineApproach;
      unsettled(steady, s.engineTemp[e]);
    }
    double airflow = 0;
    for (int f = 0; f < t.fans; f++) {
      airflow += s.fanRpm[f];
    }
    double relativeAirflow = airflow / t.fans / (c.fanMaxRpm() * c.fanDefaultPercent() / 100);
    double airFactor = Math.pow(Math.max(RESIDUAL_AIRFLOW, relativeAirflow), -c.convectionFlowExponent());
    double caseApproach = Thermal.fraction(h, p.laserModules().timeConstantSeconds());
    for (int m = 0; m < t.modules; m++) {
      double steady = c.airInletCelsius() + s.moduleWatts[m] * p.laserModules().caseToAirKelvinPerWatt() * airFactor;
      s.caseTemp[m] += (steady - s.caseTemp[m]) * caseApproach;
      unsettled(steady, s.caseTemp[m]);
    }
    double chassisSteady = c.airInletCelsius() + s.inputWatts * CHASSIS_KELVIN_PER_WATT_PER_FAN / t.fans * airFactor;
    s.chassisTemp += (chassisSteady - s.chassisTemp) * Thermal.fraction(h, CHASSIS_TAU_SECONDS);
    unsettled(chassisSteady, s.chassisTemp);
  }

  private void spread(int[] loops, double watts) {
    for (int j : loops) {
      loopHeat[j] += watts / loops.length;
    }
  }

  private double coolant(int[] loops) {
    double sum = 0;
    for (int j : loops) {
      sum += loopMeanCoolant[j];
    }
    return sum / loops.length;
  }

  /** Convection resistance relative to nominal flow: flow^-exponent (Dittus-Boelter). */
  private double convection(int[] loops, CoolingSpec c) {
    double flow = 0;
    for (int j : loops) {
      flow += loopEffectiveFlow[j];
    }
    return Math.pow(flow / loops.length, -c.convectionFlowExponent());
  }

}
