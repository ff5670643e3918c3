package dev.cpo.agent.mqtt;

/**
 * The message classes on the topics; each has its own {@code seq} counter and its own JSON Schema
 * ({@code /schemas/mqtt/<schema>.schema.json}).
 */
public enum MessageClass {
  STATUS("status"),
  META("meta"),
  TELEMETRY("telemetry"),
  STATE("state"),
  ALARM("alarm"),
  EVENT("event"),
  RESPONSE("response");

  private final String schema;

  MessageClass(String schema) {
    this.schema = schema;
  }

  /** Schema file name without suffix. */
  public String schema() {
    return schema;
  }

  /** Classpath location of the schema. */
  public String schemaResource() {
    return "/schemas/mqtt/" + schema + ".schema.json";
  }
}
