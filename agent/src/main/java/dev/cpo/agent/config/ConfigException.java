package dev.cpo.agent.config;

/** A configuration is invalid. The message names the key, and the file and line where known. */
public class ConfigException extends Exception {

  private final String key;

  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The dotted key at fault, e.g. {@code snmp.port}; empty when the file as a whole is unreadable. */
  public String key() {
    return key;
  }
}
