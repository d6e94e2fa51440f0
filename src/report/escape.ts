/** Escaping for every output format. Every user-controlled string goes through one of these. */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML/SVG content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * Escapes text for XML content and attributes, dropping characters XML 1.0 forbids (C0 controls
 * other than tab, LF and CR, lone surrogates, U+FFFE/U+FFFF) so the document stays well-formed
 * whatever a server put in an error message.
 */
export function escapeXml(value: unknown): string {
  return String(value ?? '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) => (c === "'" ? '&apos;' : HTML_ENTITIES[c]));
}

/**
 * Escapes text for a GitHub-flavoured Markdown table cell: inline markup characters (backslash, `, *, _, [, ], ~)
 * are backslash-escaped, < > & become entities (no raw HTML), pipes cannot end the cell, and
 * newlines become spaces.
 */
export function escapeMarkdown(value: unknown): string {
  return String(value ?? '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR, LF or leading/trailing space,
 * with quotes doubled. null/undefined are empty fields.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Removes control characters (including ESC) so a name cannot drive the terminal. */
export function escapeTerminal(value: unknown): string {
  return String(value ?? '').replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ');
}

/** A Markdown code span of an identifier-like string (backticks, pipes and newlines removed). */
export function mdCode(value: unknown): string {
  return `\`${String(value ?? '').replace(/[`|\r\n]/g, '')}\``;
}
