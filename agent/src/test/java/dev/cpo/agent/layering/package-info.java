/** The layering rules of the agent and the HAL, checked on the compiled classes (ArchUnit). */
package dev.cpo.agent.layering;
