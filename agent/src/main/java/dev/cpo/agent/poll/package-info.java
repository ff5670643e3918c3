/** Polling: one bulk HAL read per cycle on a fixed rate, interrupts for an immediate read, failed reads marked unavailable. */
package dev.cpo.agent.poll;
