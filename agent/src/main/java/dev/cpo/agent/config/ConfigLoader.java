package dev.cpo.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads {@link AgentConfig}: the built-in defaults (a bundled copy of {@code config/agent.yaml}), the
 * user's file merged over them, then {@code --set dotted.key=value} overrides, each top-level section
 * bound to the record its {@link ConfigSection} names. It knows no section itself: the caller passes
 * them. Unknown keys, bad types and out-of-range values are errors that name the key, and the file
 * line where known.
 */
public final class ConfigLoader {

  /** Classpath location of the bundled defaults. */
  public static final String DEFAULTS_RESOURCE = "/cpo/agent.yaml";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private ConfigLoader() {}

  /**
   * Loads the given sections: each is bound from its top-level key of the bundled defaults, with the
   * user's file and the overrides merged over it. A top-level key that names none of the sections is
   * an unknown key.
   *
   * @param file the user's config file, or {@code null} for the defaults alone
   * @param sets {@code dotted.key=value} overrides, applied in order
   * @param sections the sections the product has (the composition root's list)
   */
  public static AgentConfig load(Path file, List<String> sets, List<? extends ConfigSection<?>> sections)
      throws ConfigException {
    return load(defaultsTree(), file, sets, sections);
  }

  /** As {@link #load(Path, List, List)} over other defaults (tests of the loader itself). */
  static AgentConfig load(ObjectNode defaults, Path file, List<String> sets, List<? extends ConfigSection<?>> sections)
      throws ConfigException {
    ObjectNode tree = YAML.createObjectNode();
    for (ConfigSection<?> section : sections) {
      JsonNode d = defaults.get(section.name());
      if (d == null || !d.isObject()) {
        throw new IllegalStateException("config section '" + section.name() + "' has no defaults in the bundled "
            + DEFAULTS_RESOURCE + " (config/agent.yaml)");
      }
      if (tree.has(section.name())) {
        throw new IllegalStateException("config section '" + section.name() + "' is declared twice");
      }
      tree.set(section.name(), d.deepCopy());
    }
    Map<String, Integer> lines = Map.of();
    String source = "defaults";
    if (file != null) {
      source = file.toString();
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("", file + ": no such config file");
      }
      JsonNode user;
      try {
        byte[] bytes = Files.readAllBytes(file);
        lines = keyLines(bytes);
        user = YAML.readTree(bytes);
      } catch (JsonProcessingException e) {
        throw YamlErrors.of(file.toString(), "", e);
      } catch (IOException e) {
        throw new ConfigException("", file + ": cannot read: " + e.getMessage());
      }
      if (user != null && !user.isMissingNode() && !user.isNull()) {
        if (!user.isObject()) {
          throw new ConfigException("", file + ": the top level must be a mapping of sections");
        }
        merge(tree, (ObjectNode) user, "", file, lines);
      }
    }
    Set<String> fromSet = new HashSet<>();
    for (String set : sets) {
      fromSet.add(applySet(tree, set));
    }
    Map<ConfigSection<?>, Object> bound = new LinkedHashMap<>();
    for (ConfigSection<?> section : sections) {
      bound.put(section, bind(section, tree.get(section.name()), source, lines, fromSet));
    }
    Map<String, Integer> fileLines = lines;
    String from = source;
    return new AgentConfig(bound, key -> fromSet.contains(key) ? " (from --set)" : where(from, fileLines, key));
  }

  /** The defaults as a tree, for callers that need to list every key. */
  public static ObjectNode defaultsTree() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled defaults " + DEFAULTS_RESOURCE);
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled defaults " + DEFAULTS_RESOURCE, e);
    }
  }

  private static void merge(ObjectNode base, ObjectNode over, String prefix, Path file, Map<String, Integer> lines)
      throws ConfigException {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix + e.getKey();
      JsonNode current = base.get(e.getKey());
      boolean freeForm = base.isEmpty() && !prefix.isEmpty();
      if (current == null && !freeForm) {
        throw new ConfigException(key, "unknown key '" + key + "'" + didYouMean(prefix, e.getKey(), base)
            + where(file, lines, key));
      }
      if (current != null && current.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) current, (ObjectNode) e.getValue(), key + ".", file, lines);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  private static String applySet(ObjectNode tree, String set) throws ConfigException {
    int eq = set.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(set, "--set " + set + ": expected dotted.key=value");
    }
    String key = set.substring(0, eq).trim();
    String raw = set.substring(eq + 1);
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        String prefix = String.join(".", java.util.Arrays.asList(parts).subList(0, i));
        throw new ConfigException(key, "--set " + key + ": unknown key '" + key + "'"
            + didYouMean(prefix.isEmpty() ? "" : prefix + ".", parts[i], node));
      }
      node = (ObjectNode) child;
    }
    String leaf = parts[parts.length - 1];
    if (!node.has(leaf) && !node.isEmpty()) {
      String prefix = key.substring(0, key.length() - leaf.length());
      throw new ConfigException(key, "--set " + key + ": unknown key '" + key + "'" + didYouMean(prefix, leaf, node));
    }
    JsonNode value;
    try {
      value = raw.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(raw);
    } catch (JsonProcessingException e) {
      value = YAML.getNodeFactory().textNode(raw);
    }
    if (value == null || value.isMissingNode()
        || node.path(leaf).isTextual() && value.isContainerNode()) {
      // A text key takes the text as given: --set snmp.bind=:: is the address, not a YAML mapping.
      value = YAML.getNodeFactory().textNode(raw);
    }
    node.set(leaf, value);
    return key;
  }

  /** " (did you mean 'snmp.port'?)" from the keys beside an unknown one; empty when none is close. */
  private static String didYouMean(String prefix, String name, JsonNode siblings) {
    List<String> known = new java.util.ArrayList<>();
    siblings.fieldNames().forEachRemaining(known::add);
    List<String> close = Suggestions.closest(name, known, 3);
    return close.isEmpty() ? "" : Suggestions.didYouMean(prefix + name,
        close.stream().map(k -> prefix + k).toList());
  }

  private static Object bind(ConfigSection<?> section, JsonNode node, String source, Map<String, Integer> lines,
      Set<String> fromSet) throws ConfigException {
    String name = section.name();
    try {
      return YAML.treeToValue(node, section.type());
    } catch (JsonMappingException e) {
      String inner = dotted(e.getPath());
      String path = inner.isEmpty() ? name : name + "." + inner;
      Throwable cause = e.getCause();
      String key;
      String message;
      if (e instanceof UnrecognizedPropertyException u) {
        key = path;
        message = "unknown key '" + key + "'" + Suggestions.didYouMean(u.getPropertyName(),
            u.getKnownPropertyIds().stream().map(String::valueOf).toList());
      } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
        key = path;
        JsonNode given = at(node, e.getPath());
        message = key + " must be " + expected(m.getTargetType()) + ", was "
            + (given == null || given.isMissingNode() ? "something else" : describe(given));
      } else if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        String detail = String.valueOf(cause.getMessage());
        String field = detail.split(" ", 2)[0];
        key = path + "." + field;
        message = path + "." + detail;
        if (cause instanceof NullPointerException) {
          message = key + " is missing";
        }
      } else {
        key = path;
        message = key + ": " + e.getOriginalMessage();
      }
      String origin = fromSet.contains(key) ? " (from --set)" : where(source, lines, key);
      throw new ConfigException(key, message + origin);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name, source + ": " + e.getOriginalMessage());
    }
  }

  /** The node a binding error's path points at, inside a section. */
  private static JsonNode at(JsonNode node, List<JsonMappingException.Reference> refs) {
    JsonNode n = node;
    for (JsonMappingException.Reference r : refs) {
      if (n == null) {
        return null;
      }
      n = r.getFieldName() != null ? n.get(r.getFieldName()) : r.getIndex() >= 0 ? n.get(r.getIndex()) : n;
    }
    return n;
  }

  /** What a key of this type takes, in the operator's words. */
  private static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping";
  }

  private static String describe(JsonNode given) {
    if (given.isTextual()) {
      return "'" + given.asText() + "'";
    }
    if (given.isContainerNode()) {
      return given.isArray() ? "a list" : "a mapping";
    }
    return given.asText();
  }

  private static String dotted(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String where(Path file, Map<String, Integer> lines, String key) {
    return where(file.toString(), lines, key);
  }

  private static String where(String source, Map<String, Integer> lines, String key) {
    Integer line = lines.get(key);
    if (line == null) {
      // Fall back to the nearest enclosing key the file does name.
      String k = key;
      while (line == null && k.contains(".")) {
        k = k.substring(0, k.lastIndexOf('.'));
        line = lines.get(k);
      }
    }
    return line == null ? "" : " (" + source + " line " + line + ")";
  }

  /** Maps each dotted key in a YAML document to the line it is on. */
  static Map<String, Integer> keyLines(byte[] yaml) {
    Map<String, Integer> out = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(yaml)) {
      Deque<String> path = new ArrayDeque<>();
      Deque<Boolean> inObject = new ArrayDeque<>();
      String pending = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        switch (t) {
          case FIELD_NAME -> {
            pending = p.currentName();
            String prefix = path.isEmpty() ? "" : String.join(".", (Iterable<String>) path::descendingIterator) + ".";
            out.putIfAbsent(prefix + pending, p.currentLocation().getLineNr());
          }
          case START_OBJECT, START_ARRAY -> {
            if (pending != null) {
              path.push(pending);
              inObject.push(true);
            } else {
              inObject.push(false);
            }
            pending = null;
          }
          case END_OBJECT, END_ARRAY -> {
            if (!inObject.isEmpty() && inObject.pop()) {
              path.pop();
            }
          }
          default -> pending = null;
        }
      }
    } catch (IOException e) {
      // The document is parsed again for its content, which reports the error with its line.
    }
    return out;
  }
}
