/** The internal event stream publishers subscribe to. */
package dev.cpo.agent.event;
