/**
 * The simulated CPO switch behind the HAL: topology and inventory from a profile, the coupled physics
 * (load, power, heat, TEC-held APC lasers, optical power, BER and FEC), sensors with quantisation and
 * noise, CMIS-like latched flags, the fault injector, and the clocks it runs on.
 *
 * <p>Entry point: {@link dev.cpo.hal.sim.SimulatedSwitch#builder()}.
 */
package dev.cpo.hal.sim;
