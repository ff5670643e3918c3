/** Tests of the bench command's pieces: percentile math, the JSON figures and the table. */
package dev.cpo.agent.bench;
