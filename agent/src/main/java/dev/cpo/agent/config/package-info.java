/**
 * Configuration: {@code config/agent.yaml} over built-in defaults, {@code --set} overrides, and
 * validation whose messages name the key (and the file line where known).
 *
 * <p>This package is a leaf: it imports no other {@code dev.cpo.agent} package. It knows two sections
 * every part of the agent shares ({@code switch}: {@link dev.cpo.agent.config.SwitchConfig}, {@code
 * state}: {@link dev.cpo.agent.config.StateConfig}); every other section belongs to its component.
 *
 * <h2>Adding a config section</h2>
 *
 * <ol>
 *   <li>In the component's package, a record whose compact constructor validates each value with
 *       {@link dev.cpo.agent.config.Checks} (or throws {@link IllegalArgumentException} whose message
 *       starts with the field name), and its key:
 *       <pre>{@code
 * public record GnmiConfig(String bind, int port) {
 *   public static final ConfigSection<GnmiConfig> SECTION = ConfigSection.of("gnmi", GnmiConfig.class);
 *   public GnmiConfig { Checks.port("port", port); }
 * }}</pre>
 *   <li>Its defaults, every key with a comment, as a top-level section of {@code config/agent.yaml}
 *       (the bundled copy is built from it; a section without defaults there fails at start).
 *   <li>Its {@code SECTION} in the composition root's list, {@code dev.cpo.agent.cli.AgentSections.ALL}.
 * </ol>
 *
 * <p>The component reads it with {@code config.get(GnmiConfig.SECTION)}; tests can take the bundled
 * defaults alone with {@code GnmiConfig.SECTION.defaults()}. Neither {@link
 * dev.cpo.agent.config.AgentConfig} nor {@link dev.cpo.agent.config.ConfigLoader} changes: the loader
 * merges, applies {@code --set}, reports an unknown key (a top-level key no section declares, too) and
 * names each bad value's key and line for whatever sections it is given, so {@code check-config}
 * covers the new section at once.
 */
package dev.cpo.agent.config;
