/**
 * A self-signed certificate for `wss://` made at start. Node can use TLS keys but cannot make a
 * certificate, so this runs the `openssl` binary (an EC P-256 key, valid 2 days, for 127.0.0.1,
 * ::1, localhost and the listen host).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockError } from '../mock-error.js';

export interface TlsMaterial {
  cert: string;
  key: string;
}

/** @throws {Error} code `MOCK_TLS_NO_OPENSSL` when openssl is missing, `MOCK_TLS_FAILED` when it fails */
export async function makeSelfSignedCert(host = '127.0.0.1'): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'rtbench-tls-'));
  const names = new Set(['IP:127.0.0.1', 'IP:::1', 'DNS:localhost']);
  if (host && host !== '0.0.0.0' && host !== '::') names.add(isIP(host) ? `IP:${host}` : `DNS:${host}`);
  const args = [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=rtbench mock',
    '-addext',
    `subjectAltName=${[...names].join(',')}`,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile('openssl', args, { timeout: 20_000 }, (err, _stdout, stderr) => {
        if (!err) return resolve();
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'ENOENT') {
          reject(
            new MockError('MOCK_TLS_NO_OPENSSL', 'cannot make a TLS certificate: the openssl binary is not installed; pass --cert/--key (PEM files) instead'),
          );
        } else {
          reject(new MockError('MOCK_TLS_FAILED', `openssl failed to make a certificate: ${String(stderr).trim() || e.message}`));
        }
      });
    });
    return { cert: await readFile(join(dir, 'cert.pem'), 'utf8'), key: await readFile(join(dir, 'key.pem'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
