/** Protective actions: policies (condition -> action) from config/policies.yaml and the engine that applies them. */
package dev.cpo.agent.policy;
