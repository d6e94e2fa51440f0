/**
 * Addresses of a run's link, from the benchmarking range 198.18.0.0/15 (RFC 2544): never routed on
 * the internet. Against the bundled mock no namespace of the run has a route out of it; a live
 * target gives the client one, through the link and the host's NAT (egress.ts).
 */

/** The harness's end of the link (client namespace). */
export const CLIENT_ADDRESS = '198.18.0.1';
/** The server's end of the link (server namespace): where the bundled mock listens. */
export const SERVER_ADDRESS = '198.18.0.2';
/** Prefix length of the link's subnet. */
export const LINK_PREFIX = 24;
