package dev.cpo.agent.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child JVM for {@link LogbackSetupTest}: logs one line of each kind the agent's configuration treats apart. */
public final class LogProbe {

  private LogProbe() {}

  public static void main(String[] args) {
    Logger alarm = LoggerFactory.getLogger("cpo.alarm");
    Logger action = LoggerFactory.getLogger("cpo.action");
    Logger netty = LoggerFactory.getLogger("io.netty.probe");
    Logger snmp4j = LoggerFactory.getLogger("org.snmp4j.probe");
    alarm.info("alarm raised");
    alarm.debug("alarm debug");
    action.info("action taken");
    netty.info("netty info");
    netty.warn("netty warn");
    snmp4j.info("snmp4j info");
    snmp4j.error("snmp4j error");
  }
}
