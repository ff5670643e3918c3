package dev.cpo.hal.sim.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads profiles by name (from the classpath, {@code cpo/profiles/<name>.yaml}) or by file path.
 *
 * <p>A profile may say {@code extends: <name>}: the named profile is read first and this one's keys
 * replace its keys, section by section, so a variant states only what differs.
 */
public final class ProfileLoader {

  /** The profile used when none is named. */
  public static final String DEFAULT_PROFILE = "quantum-x-photonics-115t";

  /** Every bundled profile, default first. */
  public static final List<String> BUNDLED = List.of(
      DEFAULT_PROFILE, "spectrum-x-photonics-102t", "spectrum-x-photonics-409t", "tomahawk5-bailly-51t", "npo-115t");

  private static final String CLASSPATH_DIR = "cpo/profiles/";
  private static final int MAX_EXTENDS_DEPTH = 8;

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /**
   * Loads a profile by bundled name, or from a file when {@code nameOrPath} ends in {@code .yaml} /
   * {@code .yml} or names an existing file.
   *
   * @throws ProfileException naming the profile and what is wrong
   */
  public Profile load(String nameOrPath) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      throw new ProfileException("profile name must not be empty");
    }
    ObjectNode tree = resolve(nameOrPath, null, 0);
    try {
      return yaml.treeToValue(tree, Profile.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ProfileException("profile " + nameOrPath + ": " + rootMessage(e), e);
    }
  }

  private ObjectNode resolve(String nameOrPath, Path relativeTo, int depth) {
    if (depth > MAX_EXTENDS_DEPTH) {
      throw new ProfileException("profile " + nameOrPath + ": 'extends' chain is longer than " + MAX_EXTENDS_DEPTH);
    }
    Path file = asFile(nameOrPath, relativeTo);
    JsonNode node = file != null ? readFile(nameOrPath, file) : readBundled(nameOrPath);
    if (!(node instanceof ObjectNode)) {
      throw new ProfileException("profile " + nameOrPath + ": not a YAML mapping");
    }
    ObjectNode own = (ObjectNode) node;
    JsonNode parentName = own.remove("extends");
    if (parentName == null) {
      return own;
    }
    if (!parentName.isTextual()) {
      throw new ProfileException("profile " + nameOrPath + ": 'extends' must name a profile");
    }
    Path dir = file != null ? file.toAbsolutePath().getParent() : null;
    ObjectNode base = resolve(parentName.asText(), dir, depth + 1);
    merge(base, own);
    return base;
  }

  private static Path asFile(String nameOrPath, Path relativeTo) {
    if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") || nameOrPath.contains("/")) {
      return Path.of(nameOrPath);
    }
    if (Files.isRegularFile(Path.of(nameOrPath))) {
      return Path.of(nameOrPath);
    }
    // A file-based profile extending a sibling by name finds it next to itself, then on the classpath.
    if (relativeTo != null && Files.isRegularFile(relativeTo.resolve(nameOrPath + ".yaml"))) {
      return relativeTo.resolve(nameOrPath + ".yaml");
    }
    return null;
  }

  private JsonNode readFile(String name, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ProfileException("profile " + name + ": no such file " + file);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new ProfileException("profile " + name + ": " + rootMessage(e), e);
    }
  }

  private JsonNode readBundled(String name) {
    ClassLoader loader = ProfileLoader.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(CLASSPATH_DIR + name + ".yaml")) {
      if (in == null) {
        throw new ProfileException("unknown profile '" + name + "' (bundled: " + String.join(", ", BUNDLED) + ")");
      }
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new ProfileException("profile " + name + ": " + rootMessage(e), e);
    }
  }

  /** Deep merge: mappings merge key by key; anything else in {@code override} replaces the base. */
  private static void merge(ObjectNode base, ObjectNode override) {
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
      fields.add(it.next());
    }
    for (Map.Entry<String, JsonNode> f : fields) {
      JsonNode existing = base.get(f.getKey());
      if (existing instanceof ObjectNode && f.getValue() instanceof ObjectNode) {
        merge((ObjectNode) existing, (ObjectNode) f.getValue());
      } else {
        base.set(f.getKey(), f.getValue());
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = t.getMessage() == null ? t.toString() : t.getMessage();
    // Jackson appends source excerpts after a newline; the first line says what is wrong.
    int nl = msg.indexOf('\n');
    return nl > 0 ? msg.substring(0, nl) : msg;
  }
}
