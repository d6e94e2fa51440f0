import { isObject, type HandlerContext } from './context.js';
import { invalidRequest } from './errors.js';

/**
 * `POST /v1/realtime/calls` — the WebRTC offer/answer exchange, **shape only**: the request is
 * checked the way the service reads it (an SDP offer as `application/sdp`, or a multipart form
 * with `sdp` and a JSON `session`), and the answer is a syntactically plausible SDP with `201`,
 * `Content-Type: application/sdp` and `Location: /v1/realtime/calls/<call id>`. No media or data
 * channel will ever connect to it: it tests a client's signalling code, nothing more.
 */

/** A call request as read: the offer, the session of a multipart form, or why it is unreadable. */
export interface CallOffer {
  sdp?: string;
  session?: unknown;
  /** The 400 to send when the request cannot be read. */
  error?: Response;
}

/** Reads the offer from `application/sdp` text or a multipart form (`sdp`, `session`). */
export async function readOffer(request: Request): Promise<CallOffer> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/sdp')) return { sdp: await request.text() };
  if (!type.startsWith('multipart/form-data')) {
    return {
      error: invalidRequest(
        "Unsupported content type: send the SDP offer as 'application/sdp', or a multipart form with 'sdp' and 'session'.",
        null,
        'unsupported_content_type',
      ),
    };
  }
  const form = await request.formData();
  const sdpField = form.get('sdp');
  const sdp = typeof sdpField === 'string' ? sdpField : sdpField ? await sdpField.text() : undefined;
  const sessionField = form.get('session');
  if (sessionField === null) return { sdp };
  const sessionText = typeof sessionField === 'string' ? sessionField : await sessionField.text();
  let session: unknown;
  try {
    session = JSON.parse(sessionText);
  } catch {
    session = sessionText;
  }
  if (!isObject(session)) return { sdp, session, error: invalidRequest("Invalid 'session': expected a JSON object.", 'session', 'invalid_value') };
  return { sdp, session };
}

/** The 201 answer, or the 400 for an offer that is not SDP. */
export function answerCall(ctx: HandlerContext, offer: CallOffer, pathPrefix: string): Response {
  if (offer.error) return offer.error;
  if (!offer.sdp || !/^v=0\r?\n/.test(offer.sdp))
    return invalidRequest('Invalid SDP offer: expected a session description starting with "v=0".', 'sdp', 'invalid_offer');
  return new Response(fakeAnswer(offer.sdp), {
    status: 201,
    headers: { 'Content-Type': 'application/sdp', Location: `${pathPrefix}/realtime/calls/${ctx.id('rtc')}` },
  });
}

/**
 * An SDP answer mirroring the offer's media sections (`m=` lines and their `a=mid:`): Opus audio
 * and the data channel accepted, with placeholder ICE and DTLS values.
 */
export function fakeAnswer(offer: string): string {
  const sections = offer.split(/\r?\n(?=m=)/).slice(1);
  const mids = sections.map((s, i) => /a=mid:(\S+)/.exec(s)?.[1] ?? String(i));
  const lines = ['v=0', 'o=- 0 2 IN IP4 127.0.0.1', 's=-', 't=0 0', `a=group:BUNDLE ${mids.join(' ')}`, 'a=msid-semantic: WMS'];
  sections.forEach((section, i) => {
    const common = [
      'c=IN IP4 0.0.0.0',
      `a=mid:${mids[i]}`,
      'a=ice-ufrag:mock',
      'a=ice-pwd:mockmockmockmockmockmock',
      `a=fingerprint:sha-256 ${Array(32).fill('00').join(':')}`,
      'a=setup:active',
    ];
    if (section.startsWith('m=application')) lines.push('m=application 9 UDP/DTLS/SCTP webrtc-datachannel', ...common, 'a=sctp-port:5000');
    else
      lines.push(
        'm=audio 9 UDP/TLS/RTP/SAVPF 111',
        ...common,
        'a=sendrecv',
        'a=rtcp-mux',
        'a=rtpmap:111 opus/48000/2',
        'a=fmtp:111 minptime=10;useinbandfec=1',
      );
  });
  return lines.join('\r\n') + '\r\n';
}
