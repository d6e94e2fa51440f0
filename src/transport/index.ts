export * from './transport.js';
export { createInProcessPair } from './in-process.js';
export { connectWs, type WsConnectOptions } from './ws-client.js';
export { WsTransport } from './ws-transport.js';
export { connectWebRtc, type WebRtcConnectOptions } from './webrtc-client.js';
export { connectWebRtcEndpoint, webrtcEndpointOf, type RealtimeEndpoint, type WebRtcEndpoint } from './webrtc-connect.js';
export { webrtcAvailable, WEBRTC_INSTALL_HINT } from './webrtc-lib.js';
export { WebRtcClientTransport, type WebRtcSetup } from './webrtc-transport.js';
