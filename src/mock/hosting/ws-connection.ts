/** The mock's server-side sockets use the same `ws` adapter as the harness's client sockets. */
export { WsTransport as WsServerConnection } from '../../transport/ws-transport.js';
