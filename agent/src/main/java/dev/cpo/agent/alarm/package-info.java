/** Alarms: conditions raised and cleared on entities, with root causes and what to replace. */
package dev.cpo.agent.alarm;
