/**
 * Configuration: {@code config/agent.yaml} over built-in defaults, {@code --set} overrides, and
 * validation whose messages name the key (and the file line where known).
 */
package dev.cpo.agent.config;
