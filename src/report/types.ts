/** The run folder's data model lives in the results model (src/results/); re-exported here. */
export type * from '../results/types.js';
