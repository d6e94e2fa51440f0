/**
 * A small `multipart/form-data` reader for the mock's `POST /v1/realtime/calls`: openai 7.x's
 * `client.realtime.calls.create({ sdp, session })` sends the offer as an `sdp` part
 * (`application/sdp`) and the session as a `session` part (`application/json`). Only what that
 * endpoint needs: named parts with their content type and bytes; no nested multiparts, no
 * transfer encodings (the WHATWG `FormData` serialisation Node's fetch produces uses none).
 */

/** One part of a form: its `name`, its declared content type (if any) and its bytes. */
export interface FormPart {
  name: string;
  contentType: string | undefined;
  body: Buffer;
}

export type FormParse = { ok: true; parts: FormPart[] } | { ok: false; reason: string };

/** The boundary of a `multipart/form-data` content type, or null for any other type. */
export function formBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Splits a form body into its parts; never throws. */
export function parseForm(body: Buffer, boundary: string): FormParse {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  if (at < 0) return { ok: false, reason: 'the body has no part delimited by the boundary' };
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    // `--` after a delimiter closes the form.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return { ok: true, parts };
    if (!body.subarray(at, at + 2).equals(CRLF)) return { ok: false, reason: 'a boundary line is not followed by CRLF' };
    const headersStart = at + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd < 0) return { ok: false, reason: 'a part has no end of headers' };
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + 4);
    if (next < 0) return { ok: false, reason: 'the form has no closing boundary' };
    const headers = parseHeaders(body.toString('utf8', headersStart, headersEnd));
    const name = /\bname="([^"]*)"/i.exec(headers['content-disposition'] ?? '')?.[1];
    if (name === undefined) return { ok: false, reason: 'a part has no Content-Disposition name' };
    parts.push({ name, contentType: headers['content-type'], body: body.subarray(headersEnd + 4, next) });
    at = next + 2;
  }
}

function parseHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return out;
}
