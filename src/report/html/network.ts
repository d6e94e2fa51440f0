/**
 * report.html's "Network" card: per network × transport, the link asked for next to the link
 * measured during the sessions (the same rows as report.md's section), and a warning where the
 * uplink could not carry the transport's audio in real time. Absent when the run built no link.
 */
import type { RunResults } from '../../results/types.js';
import { escapeHtml as e } from '../escape.js';
import { networkRows } from '../network.js';
import { card } from './sections.js';

/** The card, or nothing for a run without `--network` links. */
export function networkCards(results: RunResults): string[] {
  const rows = networkRows(results);
  if (!rows.length) return [];
  const live = new Map((results.run.network ?? []).map((l) => [l.network, l.egress]));
  const body = rows
    .map((r) => {
      const egress = live.get(r.network);
      const route = egress ? `<span class="ci">live target through the host (NAT via ${e(egress.host_address)})</span>` : '';
      const note = r.note ? `<div class="net-note" style="color:var(--bad)">⚠ ${e(r.note)}</div>` : '';
      return `<tr><td class="l"><code>${e(r.network)}</code></td><td class="l">${e(r.transport)}</td><td class="l">${e(r.engine)}${route}</td><td class="l wrap">${e(r.asked)}</td><td class="l wrap">${e(r.measured)}${note}</td></tr>`;
    })
    .join('');
  const table = `<div class="table-wrap"><table class="network"><thead><tr><th class="l">Network</th><th class="l">Transport</th><th class="l">Engine</th><th class="l">Asked for</th><th class="l">Measured</th></tr></thead><tbody>${body}</tbody></table></div>`;
  const hint =
    'The impaired link each cell asked for (<code>--network</code>; round trip, jitter, loss, rates) next to what the sessions measured on it: UDP probe round trip and loss, TCP retransmissions over WebSocket, RTP packets lost and RTCP round trip over WebRTC (docs/network.md).';
  return [card('network', 'Network', hint, table)];
}
