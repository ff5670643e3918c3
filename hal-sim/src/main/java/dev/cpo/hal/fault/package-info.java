/**
 * The simulator's fault injector: the catalog of fault types with their parameters, and the
 * injection and clearing of faults. Lab testers reach it through the control API and the CLI. Not
 * part of the HAL API: a real-hardware HAL has no fault injector.
 */
package dev.cpo.hal.fault;
