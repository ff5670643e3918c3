/** Thresholds: four levels per sensor, class defaults, per-entity overrides, hysteresis and debounce. */
package dev.cpo.agent.threshold;
