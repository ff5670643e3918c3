package dev.cpo.agent.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The bundled JSON Schemas of the MQTT message classes, for validating real messages in tests. */
final class Schemas {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<MessageClass, JsonSchema> SCHEMAS = new EnumMap<>(MessageClass.class);

  static {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    for (MessageClass c : MessageClass.values()) {
      try (InputStream in = Schemas.class.getResourceAsStream(c.schemaResource())) {
        if (in == null) {
          throw new IllegalStateException("missing schema " + c.schemaResource());
        }
        SCHEMAS.put(c, factory.getSchema(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private Schemas() {}

  /** Validation errors of a payload against its class's schema; empty when valid. */
  static Set<String> errors(MessageClass c, byte[] payload) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (IOException e) {
      return Set.of("not JSON: " + e.getMessage());
    }
    Set<ValidationMessage> errors = SCHEMAS.get(c).validate(node);
    return errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }

  /** Validation errors of a payload numbered now (its class's next seq). */
  static Set<String> errors(MessageClass c, SeqPayload payload) {
    return errors(c, payload.number());
  }

  /** The class of a message from its topic under {@code cpo/v1/<switch>/}. */
  static MessageClass classOf(Topics topics, String topic) {
    String rest = topic.substring(topics.base().length());
    if (rest.equals("status")) {
      return MessageClass.STATUS;
    } else if (rest.equals("meta")) {
      return MessageClass.META;
    } else if (rest.equals("events")) {
      return MessageClass.EVENT;
    } else if (rest.startsWith("telemetry/")) {
      return MessageClass.TELEMETRY;
    } else if (rest.startsWith("state/")) {
      return MessageClass.STATE;
    } else if (rest.startsWith("alarms/active/")) {
      return MessageClass.ALARM;
    }
    throw new IllegalArgumentException("no message class for " + topic);
  }
}
