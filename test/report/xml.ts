/**
 * A minimal XML well-formedness checker and tree builder for tests (node has no DOMParser):
 * one root, balanced tags, quoted attributes, no raw `<` in attributes, and `&` only in
 * entities. Throws on the first violation.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const decode = (s: string) =>
  s.replace(
    ENTITY,
    (m) =>
      ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[m] ??
      String.fromCodePoint(m[2] === 'x' ? parseInt(m.slice(3, -1), 16) : parseInt(m.slice(2, -1), 10)),
  );

function checkAmp(s: string, where: string): void {
  if (/&/.test(s.replace(ENTITY, ''))) throw new Error(`bare & in ${where}: ${s.slice(0, 80)}`);
}

export function parseXml(xml: string): XmlNode {
  const token = /<\?xml[^?]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  let m: RegExpExecArray | null;
  token.lastIndex = 0;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at offset ${at}: ${JSON.stringify(xml.slice(at, at + 60))}`);
    const [all, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      checkAmp(text, 'text');
      if (stack.length) stack[stack.length - 1].text += decode(text);
      else if (text.trim()) throw new Error(`text outside the root: ${text.slice(0, 40)}`);
      continue;
    }
    if (!name) continue; // declaration or comment
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) {
      if (a[2].includes('<')) throw new Error(`< in attribute ${a[1]}`);
      checkAmp(a[2], `attribute ${a[1]}`);
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]] = decode(a[2]);
    }
    const node: XmlNode = { name, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else if (root) throw new Error(`second root <${name}>`);
    else root = node;
    if (!selfClose) stack.push(node);
    void all;
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}
