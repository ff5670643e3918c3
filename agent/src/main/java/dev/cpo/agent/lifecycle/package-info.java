/** Ordered start and reverse-order stop of the product's components. */
package dev.cpo.agent.lifecycle;
