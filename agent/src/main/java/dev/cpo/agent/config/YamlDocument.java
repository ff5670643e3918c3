package dev.cpo.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A YAML file read as a tree, remembering the line of every dotted key, so validation of files other
 * than agent.yaml (thresholds, policies) can name the key and its line.
 */
public final class YamlDocument {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final String source;
  private final JsonNode root;
  private final Map<String, Integer> lines;

  private YamlDocument(String source, JsonNode root, Map<String, Integer> lines) {
    this.source = source;
    this.root = root;
    this.lines = lines;
  }

  /** Reads a file; a missing or unparsable file is a {@link ConfigException} naming {@code key}. */
  public static YamlDocument read(Path file, String key) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(key, key + ": no such file " + file);
    }
    try {
      return parse(file.toString(), Files.readAllBytes(file), key);
    } catch (IOException e) {
      throw new ConfigException(key, key + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Reads a bundled resource (the built-in defaults). */
  public static YamlDocument resource(String resource) {
    try (InputStream in = YamlDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + resource);
      }
      return parse(resource, in.readAllBytes(), resource);
    } catch (IOException | ConfigException e) {
      throw new IllegalStateException("cannot read bundled resource " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Parses YAML text; {@code source} names it in messages. */
  public static YamlDocument parse(String source, byte[] yaml, String key) throws ConfigException {
    try {
      JsonNode root = YAML.readTree(yaml);
      return new YamlDocument(source, root == null ? YAML.createObjectNode() : root, ConfigLoader.keyLines(yaml));
    } catch (JsonProcessingException e) {
      throw YamlErrors.of(source, key, e);
    } catch (IOException e) {
      throw new ConfigException(key, source + ": " + e.getMessage());
    }
  }

  public JsonNode root() {
    return root;
  }

  public String source() {
    return source;
  }

  /** A {@link ConfigException} naming the key, with " (file line N)" where the key's line is known. */
  public ConfigException error(String key, String message) {
    Integer line = lines.get(key);
    String k = key;
    while (line == null && k.contains(".")) {
      k = k.substring(0, k.lastIndexOf('.'));
      line = lines.get(k);
    }
    return new ConfigException(key, key + ": " + message + " (" + source + (line == null ? "" : " line " + line) + ")");
  }
}
