/** Free loopback ports for the e2e server and its daemons. */
export { freePortRun } from '../../test/support/ports';
