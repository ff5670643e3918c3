/** Test support shared by the agent's tests: external tools, a fixed agent view, a direct event bus. */
package dev.cpo.agent.testing;
