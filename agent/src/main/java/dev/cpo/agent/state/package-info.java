/**
 * Files of the state directory (SNMP engine boots, saved threshold changes): replaced atomically, and
 * a file that cannot be used kept aside unchanged rather than overwritten.
 */
package dev.cpo.agent.state;
