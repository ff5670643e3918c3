/** Laser health forecast: a robust bias trend per laser, projected to its end-of-life bias. */
package dev.cpo.agent.forecast;
