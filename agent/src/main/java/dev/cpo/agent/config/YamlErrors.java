package dev.cpo.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** One-line messages for YAML that does not parse: a syntax error or a key given twice in one mapping. */
final class YamlErrors {

  private YamlErrors() {}

  /** A {@link ConfigException} naming the source, the line and what is wrong, on one line. */
  static ConfigException of(String source, String key, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String where = source + (loc != null && loc.getLineNr() > 0 ? " line " + loc.getLineNr() : "");
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate field '")) {
      String name = original.substring("Duplicate field '".length(), original.lastIndexOf('\''));
      String dotted = path(e, name);
      return new ConfigException(dotted, dotted + ": the key is given twice in one mapping (" + where + ")");
    }
    return new ConfigException(key, where + ": not valid YAML: " + oneLine(original));
  }

  /**
   * SnakeYAML's message without its snippet and marks: "while parsing a flow sequence\n in 'reader',
   * line 2 ...\n ^\nexpected ',' or ']'" becomes "while parsing a flow sequence: expected ',' or ']'".
   */
  static String oneLine(String message) {
    StringBuilder sb = new StringBuilder();
    for (String line : message.split("\\R")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(line.strip());
    }
    return sb.length() == 0 ? message.strip() : sb.toString();
  }

  /** The dotted key of a duplicate: the mapping the parser was in, then the key. */
  private static String path(JsonProcessingException e, String name) {
    Deque<String> parts = new ArrayDeque<>();
    if (e.getProcessor() instanceof JsonParser p) {
      JsonStreamContext ctx = p.getParsingContext();
      // The context is the mapping holding the duplicate; its parents give the enclosing keys.
      for (JsonStreamContext c = ctx == null ? null : ctx.getParent(); c != null; c = c.getParent()) {
        if (c.getCurrentName() != null) {
          parts.push(c.getCurrentName());
        }
      }
    }
    parts.addLast(name);
    return String.join(".", parts);
  }
}
