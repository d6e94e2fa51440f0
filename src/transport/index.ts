export * from './transport.js';
export { createInProcessPair } from './in-process.js';
export { connectWs, type WsConnectOptions } from './ws-client.js';
export { WsTransport } from './ws-transport.js';
