import type { CommandModule } from 'yargs';

interface MockArgs {
  host: string;
  port: number;
  seed: number;
  profile?: string;
  'profile-file'?: string;
  replay?: string;
  'first-audio-ms'?: number;
  'jitter-ms'?: number;
  tls: boolean;
  cert?: string;
  key?: string;
  'require-key': boolean;
  'max-payload'?: number;
  'idle-timeout-ms'?: number;
  strict: boolean;
  verbose: boolean;
}

/** `rtbench mock` — the bundled mock realtime server on its own. */
export function mockCommand(setExit: (code: number) => void): CommandModule<object, MockArgs> {
  return {
    command: 'mock',
    describe: 'Start the bundled mock realtime server; prints its URL as the first stdout line',
    builder: (y) =>
      y
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to bind (loopback by default)' })
        .option('port', { type: 'number', default: 0, describe: 'Port (0 = any free port)' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed for latency jitter and faults' })
        .option('profile', { type: 'string', describe: 'Latency profile (default: chosen by ?model=)' })
        .option('profile-file', { type: 'string', describe: 'Profile file fitted by rtbench calibrate (per model; wins over --profile)' })
        .option('replay', {
          type: 'string',
          describe: "Serve a recorded run folder's server events, timed from the client's events (sessions in connection order)",
        })
        .option('first-audio-ms', { type: 'number', describe: 'Fixed delay from end of user turn (speech_stopped/commit) to first audio delta' })
        .option('jitter-ms', { type: 'number', describe: 'Random spread around that delay; 0 = exact' })
        .option('tls', { type: 'boolean', default: false, describe: 'Serve wss:// with a self-signed certificate made at start' })
        .option('cert', { type: 'string', describe: 'TLS certificate (PEM file) instead of a self-signed one' })
        .option('key', { type: 'string', describe: 'TLS private key (PEM file)' })
        .option('require-key', { type: 'boolean', default: false, describe: 'Require Authorization: Bearer $RTBENCH_MOCK_API_KEY (or api-key header)' })
        .option('max-payload', { type: 'number', describe: 'Largest accepted client frame (bytes) [15 MiB + 64 KiB: a 15 MiB append and its envelope]' })
        .option('idle-timeout-ms', { type: 'number', describe: 'Close sessions idle this long' })
        .option('strict', { type: 'boolean', default: false, describe: 'Behave like OpenAI today: refuse the beta dialect' })
        .option('verbose', { type: 'boolean', default: false, describe: 'Log connections and events on stderr' }) as never,
    handler: async (a) => {
      const { startMockServer } = await import('../../mock/index.js');
      const { readFile } = await import('node:fs/promises');
      let mismatches = 0;
      const tls = a.cert && a.key ? { cert: await readFile(a.cert, 'utf8'), key: await readFile(a.key, 'utf8') } : a.tls;
      const server = await startMockServer({
        host: a.host,
        port: a.port,
        seed: a.seed,
        profile: a.profile,
        profileFile: a['profile-file'],
        replay: a.replay,
        onReplayMismatch: (m) => {
          mismatches++;
          process.stderr.write(`replay mismatch (connection ${m.connection + 1}${m.session ? `, recorded ${m.session}` : ''}): ${m.kind}: ${m.message}\n`);
        },
        firstAudioMs: a['first-audio-ms'],
        jitterMs: a['jitter-ms'],
        tls,
        apiKey: a['require-key'] ? process.env.RTBENCH_MOCK_API_KEY : undefined,
        maxPayload: a['max-payload'],
        idleTimeoutMs: a['idle-timeout-ms'],
        strict: a.strict,
        log: a.verbose ? (line) => process.stderr.write(line + '\n') : undefined,
      });
      process.stdout.write(server.url + '\n');
      if (server.caPem) process.stderr.write(`TLS: self-signed certificate; trust it with NODE_EXTRA_CA_CERTS or run with --insecure\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      if (a.replay) process.stderr.write(`replay: ${mismatches} mismatch${mismatches === 1 ? '' : 'es'}\n`);
      setExit(0);
    },
  };
}
