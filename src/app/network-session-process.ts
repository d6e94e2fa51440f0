/**
 * `--network`: the sessions of one link, run by a child process inside the link's client
 * namespace, so every socket they open (WebSocket, the WebRTC call's HTTP and UDP) uses that
 * namespace's kernel stack and crosses the impaired link. The session-worker protocol over IPC.
 */
import { installHostTable, type HostTable } from '../network/hosts.js';
import { runSessionShare } from './session-work.js';
import type { FromSessionWorker, SessionWorkerData, ToSessionWorker } from './worker-protocol.js';

const post = (m: FromSessionWorker) => process.send?.(m);
process.on('disconnect', () => process.exit(0));
// A terminal's Ctrl-C reaches the run, which asks this process to stop through the channel.
process.on('SIGINT', () => undefined);

process.once('message', (start: { type: 'start'; data: SessionWorkerData; hosts?: HostTable }) => {
  // A live target's names, resolved by the run (the namespace may not reach the host's resolver).
  if (start.hosts) installHostTable(start.hosts);
  void runSessionShare(start.data, { post, onControl: (fn) => process.on('message', (m: ToSessionWorker) => fn(m)) });
});
