/** Benchmarks: plain main classes with warm-up that print tables; not run by mvn verify (see bench/). */
package dev.cpo.agent.bench;
