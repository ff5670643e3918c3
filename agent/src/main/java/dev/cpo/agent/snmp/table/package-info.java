/**
 * Read-only SNMP tables served straight from the latest snapshot: no row copies, no locks held
 * between requests, so a GETBULK over a large table costs a binary search and a few reads.
 */
package dev.cpo.agent.snmp.table;
