export * from './clock.js';
export { RealClock } from './real.js';
export { VirtualClock } from './virtual.js';
