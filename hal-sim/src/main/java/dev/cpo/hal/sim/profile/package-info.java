/**
 * Hardware profiles of the simulated switch: validated records read from YAML
 * ({@code config/profiles/<name>.yaml}, bundled under {@code cpo/profiles/}), and the loader that
 * finds them by name or path. A profile may {@code extends} another and state only what differs, so
 * each estimate lives in one file.
 */
package dev.cpo.hal.sim.profile;
