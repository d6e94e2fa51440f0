/** Moved to the results model (src/results/suggest.ts); re-exported for existing importers. */
export { editDistance, closest, didYouMean } from '../results/suggest.js';
