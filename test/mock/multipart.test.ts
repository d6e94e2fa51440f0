/**
 * The mock's multipart/form-data reader (POST /v1/realtime/calls from openai 7.x). Truth: the body
 * Node's own fetch serialises for a FormData with an `sdp` and a `session` part.
 */
import { describe, expect, it } from 'vitest';
import { formBoundary, parseForm } from '../../src/mock/webrtc/multipart.js';

async function serialised(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const req = new Request('http://x.invalid/', { method: 'POST', body: form });
  return { body: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

describe('multipart/form-data', () => {
  it('reads the parts fetch sends: names, content types, bytes', async () => {
    const form = new FormData();
    form.append('sdp', new Blob(['v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n'], { type: 'application/sdp' }));
    form.append('session', new Blob([JSON.stringify({ type: 'realtime', model: 'gpt-realtime-2.1' })], { type: 'application/json' }));
    const { body, contentType } = await serialised(form);
    const boundary = formBoundary(contentType);
    expect(boundary).not.toBeNull();
    const parsed = parseForm(body, boundary!);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.parts.map((p) => [p.name, p.contentType])).toEqual([
      ['sdp', 'application/sdp'],
      ['session', 'application/json'],
    ]);
    expect(parsed.parts[0].body.toString()).toBe('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n');
    expect(JSON.parse(parsed.parts[1].body.toString())).toEqual({ type: 'realtime', model: 'gpt-realtime-2.1' });
  });

  it('refuses what is not a form, or a form cut short, without throwing', async () => {
    expect(formBoundary('application/sdp')).toBeNull();
    expect(formBoundary('multipart/form-data')).toBeNull();
    expect(formBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    const form = new FormData();
    form.append('sdp', 'v=0\r\n');
    const { body, contentType } = await serialised(form);
    const boundary = formBoundary(contentType)!;
    expect(parseForm(body.subarray(0, body.length - 10), boundary)).toMatchObject({ ok: false });
    expect(parseForm(body, 'other-boundary')).toMatchObject({ ok: false, reason: expect.stringContaining('boundary') });
    expect(parseForm(Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--`), boundary)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('name'),
    });
  });
});
