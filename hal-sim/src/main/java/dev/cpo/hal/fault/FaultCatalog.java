package dev.cpo.hal.fault;

import dev.cpo.hal.EntityClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every fault type the simulator can inject, with its parameters, defaults and ranges. The names are
 * the contract of the control API and scenarios.
 */
public final class FaultCatalog {

  public static final String LASER_DEGRADATION = "laser-degradation";
  public static final String LASER_FAILURE = "laser-failure";
  public static final String LASER_POWER_DROP = "laser-power-drop";
  public static final String ELS_REMOVAL = "els-removal";
  public static final String ELS_INSERTION = "els-insertion";
  public static final String ELS_TEC_FAILURE = "els-tec-failure";
  public static final String OE_OVERTEMP = "oe-overtemp";
  public static final String ASIC_OVERTEMP = "asic-overtemp";
  public static final String COOLANT_FLOW_LOSS = "coolant-flow-loss";
  public static final String COOLANT_INLET_TEMP = "coolant-inlet-temp";
  public static final String FAN_FAILURE = "fan-failure";
  public static final String FIBER_CUT = "fiber-cut";
  public static final String FAR_END_TX_FAILURE = "far-end-tx-failure";
  /** {@code fiber-cut}'s option: which fibre of the pair is cut, seen from this switch. */
  public static final String DIRECTION = "direction";
  public static final String FIBER_DIRTY = "fiber-dirty";
  public static final String BER_DEGRADATION = "ber-degradation";
  public static final String SENSOR_STUCK = "sensor-stuck";
  public static final String SENSOR_NOISE = "sensor-noise";
  public static final String SENSOR_READ_ERROR = "sensor-read-error";
  public static final String HAL_LATENCY = "hal-latency";

  /** Classes that carry sensors, for the sensor-* faults. */
  private static final Set<EntityClass> WITH_SENSORS = Set.of(EntityClass.CHASSIS, EntityClass.ASIC,
      EntityClass.OPTICAL_ENGINE, EntityClass.LASER_MODULE, EntityClass.LASER, EntityClass.PORT, EntityClass.LANE,
      EntityClass.COOLING_LOOP, EntityClass.FAN, EntityClass.POWER_INPUT);

  private static final List<FaultType> TYPES = List.of(
      type(LASER_DEGRADATION, "The laser ages fast: under APC its bias current climbs at the given rate while output"
          + " power holds, until it reaches end of life. Clearing it takes back the wear this fault did: the laser"
          + " returns to the bias and age it had before (plus natural aging meanwhile), so the lab can rehearse the"
          + " alarms clearing.", Set.of(EntityClass.LASER),
          new FaultParameter("driftPercentPerDay", "%/day", 5, 0.001, 1000,
              "bias increase per day of simulated time, in percent of beginning-of-life bias")),
      type(LASER_FAILURE, "The laser stops emitting (APC loop failure): its 4 lanes go dark and their ports drop to"
          + " 600G.", Set.of(EntityClass.LASER)),
      type(LASER_POWER_DROP, "The laser's coupled output power falls by the given amount while its bias holds: its"
          + " lanes receive less light and their BER rises.", Set.of(EntityClass.LASER),
          new FaultParameter("dropDb", "dB", 3, 0.1, 30, "output power loss")),
      type(ELS_REMOVAL, "The laser module is pulled: its lasers are absent and its ports go dark. Clearing this fault"
          + " does not put it back; els-insertion does.", Set.of(EntityClass.LASER_MODULE)),
      type(ELS_INSERTION, "A new laser module is inserted where one was pulled: its lasers start at beginning of life"
          + " and its ports come back. Faults on the old module's lasers go with it. Not kept as an active fault.",
          Set.of(EntityClass.LASER_MODULE)),
      type(ELS_TEC_FAILURE, "The TEC stops holding the laser temperature (TEC runaway): laser temperature runs to the"
          + " given rise above the module case, bias rises; above the shutdown temperature the laser turns off.",
          Set.of(EntityClass.LASER_MODULE, EntityClass.LASER),
          new FaultParameter("riseKelvin", "K", 25, 0, 80, "laser temperature above its case once the TEC is out")),
      type(OE_OVERTEMP, "The optical engine runs hot (e.g. a poor thermal interface): its temperature rises by the"
          + " given amount with its time constant; past the ring tuning limit its lanes' BER rises.",
          Set.of(EntityClass.OPTICAL_ENGINE),
          new FaultParameter("extraKelvin", "K", 25, 0.5, 150, "rise of the steady-state temperature")),
      type(ASIC_OVERTEMP, "The ASIC runs hot: its temperature rises by the given amount with its time constant.",
          Set.of(EntityClass.ASIC),
          new FaultParameter("extraKelvin", "K", 30, 0.5, 150, "rise of the steady-state temperature")),
      type(COOLANT_FLOW_LOSS, "The loop loses flow (pump or blockage): its ASICs and engines heat up with their time"
          + " constants.", Set.of(EntityClass.COOLING_LOOP),
          new FaultParameter("lossPercent", "%", 60, 1, 100, "flow lost, in percent of nominal")),
      type(COOLANT_INLET_TEMP, "The coolant arrives at the given inlet temperature (facility fault).",
          Set.of(EntityClass.COOLING_LOOP),
          new FaultParameter("inletCelsius", "C", 55, 0, 90, "coolant inlet temperature")),
      type(FAN_FAILURE, "The fan unit stops: air flow over the laser modules falls and their cases heat up.",
          Set.of(EntityClass.FAN)),
      new FaultType(FIBER_CUT, "The fibre of the lane (or of every lane of the port) is cut. Direction rx: no light"
          + " reaches this switch's receiver (loss of signal here). Direction tx: this switch's light no longer"
          + " reaches the far end, which signals a remote fault back. Direction both (the default): the whole"
          + " cable, dark both ways.", Set.of(EntityClass.LANE, EntityClass.PORT), List.of(),
          List.of(new FaultOption(DIRECTION, List.of("rx", "tx", "both"), "both",
              "which fibre is cut, seen from this switch: rx (towards us), tx (towards the far end) or both"))),
      type(FAR_END_TX_FAILURE, "The link partner's transmitter on the lane (or on every lane of the port) dies: this"
          + " switch's receiver loses signal while its own laser is healthy.", Set.of(EntityClass.LANE, EntityClass.PORT)),
      type(FIBER_DIRTY, "A dirty connector adds loss: received power falls, BER and FEC corrections rise.",
          Set.of(EntityClass.LANE, EntityClass.PORT),
          new FaultParameter("lossDb", "dB", 1.5, 0.1, 40, "extra path loss")),
      type(BER_DEGRADATION, "The receiver's BER is multiplied (electrical or DSP impairment) at unchanged optical"
          + " power.", Set.of(EntityClass.LANE, EntityClass.PORT),
          new FaultParameter("factor", "x", 100, 1, 1e9, "BER multiplier (BER is capped at 0.5)")),
      type(SENSOR_STUCK, "The entity's sensors keep reporting the value they had at injection, with fresh time"
          + " stamps.", WITH_SENSORS),
      type(SENSOR_NOISE, "The entity's sensors get noisier by the given factor.", WITH_SENSORS,
          new FaultParameter("factor", "x", 50, 1, 100_000, "multiplier of each sensor's normal noise")),
      type(SENSOR_READ_ERROR, "Reads of the entity's sensors (and of what it contains) come back unavailable; on a"
          + " module, reading its flags fails; on the chassis, the whole snapshot read fails.", WITH_SENSORS),
      type(HAL_LATENCY, "Every snapshot read takes the given extra real time.", Set.of(EntityClass.CHASSIS),
          new FaultParameter("delayMs", "ms", 200, 1, 30_000, "extra time per snapshot read")));

  private static final Map<String, FaultType> BY_NAME = index();

  private FaultCatalog() {}

  private static FaultType type(String name, String description, Set<EntityClass> targets, FaultParameter... params) {
    return new FaultType(name, description, targets, List.of(params));
  }

  private static Map<String, FaultType> index() {
    Map<String, FaultType> m = new LinkedHashMap<>();
    for (FaultType t : TYPES) {
      m.put(t.name(), t);
    }
    return m;
  }

  /** Every fault type, in a stable order. */
  public static List<FaultType> types() {
    return TYPES;
  }

  public static Optional<FaultType> type(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * Checks a request's type, target class and parameters, and fills in defaults.
   *
   * @param targetClass class of the named target, or {@code null} when there is no such entity
   * @return every parameter's value
   * @throws FaultException naming what is wrong
   */
  public static Map<String, Double> resolve(FaultRequest request, EntityClass targetClass) {
    FaultType type = BY_NAME.get(request.type());
    if (type == null) {
      throw new FaultException(FaultException.Reason.UNKNOWN_TYPE,
          "unknown fault type '" + request.type() + "' (known: " + String.join(", ", BY_NAME.keySet()) + ")");
    }
    if (targetClass == null) {
      throw new FaultException(FaultException.Reason.UNKNOWN_TARGET, "unknown target '" + request.target() + "'");
    }
    if (!type.targetClasses().contains(targetClass)) {
      List<String> allowed = new ArrayList<>();
      type.targetClasses().stream().sorted().forEach(c -> allowed.add(c.key()));
      throw new FaultException(FaultException.Reason.WRONG_TARGET_CLASS, "fault type '" + type.name()
          + "' cannot target '" + request.target() + "' (a " + targetClass.key() + "); it targets: "
          + String.join(", ", allowed));
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (FaultParameter p : type.parameters()) {
      values.put(p.name(), p.defaultValue());
    }
    for (Map.Entry<String, Double> given : request.parameters().entrySet()) {
      Optional<FaultOption> asOption = option(type, given.getKey());
      if (asOption.isPresent()) {
        throw new FaultException(FaultException.Reason.PARAMETER_OUT_OF_RANGE, "option '" + given.getKey() + "' of '"
            + type.name() + "' must be one of " + String.join(", ", asOption.get().choices()) + ", was " + given.getValue());
      }
      FaultParameter p = type.parameters().stream().filter(x -> x.name().equals(given.getKey())).findFirst()
          .orElseThrow(() -> new FaultException(FaultException.Reason.UNKNOWN_PARAMETER, "fault type '" + type.name()
              + "' has no parameter '" + given.getKey() + "'" + parameterList(type)));
      Double v = given.getValue();
      if (v == null || !(v >= p.min() && v <= p.max())) {
        throw new FaultException(FaultException.Reason.PARAMETER_OUT_OF_RANGE, "parameter '" + p.name() + "' of '"
            + type.name() + "' must be in [" + fmt(p.min()) + ", " + fmt(p.max()) + "] " + p.unit() + ", was " + v);
      }
      values.put(p.name(), v);
    }
    return values;
  }

  /**
   * Checks a request's named-choice options and fills in defaults; call after {@link #resolve}.
   *
   * @return every option's value
   * @throws FaultException naming what is wrong
   */
  public static Map<String, String> resolveOptions(FaultRequest request) {
    FaultType type = BY_NAME.get(request.type());
    if (type == null) {
      throw new FaultException(FaultException.Reason.UNKNOWN_TYPE, "unknown fault type '" + request.type() + "'");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (FaultOption o : type.options()) {
      values.put(o.name(), o.defaultChoice());
    }
    for (Map.Entry<String, String> given : request.options().entrySet()) {
      FaultOption o = option(type, given.getKey()).orElse(null);
      if (o == null) {
        boolean numeric = type.parameters().stream().anyMatch(p -> p.name().equals(given.getKey()));
        throw new FaultException(numeric ? FaultException.Reason.PARAMETER_OUT_OF_RANGE
            : FaultException.Reason.UNKNOWN_PARAMETER, numeric
            ? "parameter '" + given.getKey() + "' of '" + type.name() + "' must be a number, was '" + given.getValue() + "'"
            : "fault type '" + type.name() + "' has no parameter '" + given.getKey() + "'" + parameterList(type));
      }
      if (!o.choices().contains(given.getValue())) {
        throw new FaultException(FaultException.Reason.PARAMETER_OUT_OF_RANGE, "option '" + o.name() + "' of '"
            + type.name() + "' must be one of " + String.join(", ", o.choices()) + ", was '" + given.getValue() + "'");
      }
      values.put(o.name(), given.getValue());
    }
    return values;
  }

  private static Optional<FaultOption> option(FaultType type, String name) {
    return type.options().stream().filter(o -> o.name().equals(name)).findFirst();
  }

  private static String parameterList(FaultType type) {
    if (type.parameters().isEmpty() && type.options().isEmpty()) {
      return " (it takes none)";
    }
    List<String> names = new ArrayList<>();
    type.parameters().forEach(p -> names.add(p.name()));
    type.options().forEach(o -> names.add(o.name()));
    return " (it takes: " + String.join(", ", names) + ")";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
