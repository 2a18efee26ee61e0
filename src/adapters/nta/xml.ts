/**
 * A small XML reader for the National Tax Agency's answers (elements and text, nothing more):
 * Workers have no DOMParser, and the answer is a flat, documented shape. Attributes are skipped,
 * comments and processing instructions ignored, CDATA kept as text. A DOCTYPE is refused, so no
 * entity beyond the five predefined ones and character references can ever be expanded.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's own text (entities decoded), its child elements' text excluded. */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const ATTRIBUTE = /^\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*')/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(raw: string): string {
  return raw.replace(/&([^;&\s]{0,10});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new XmlSyntaxError('bare "&" in text');
    if (body in PREDEFINED) return PREDEFINED[body]!;
    const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(body);
    const dec = /^#(\d{1,7})$/.exec(body);
    const code = hex ? parseInt(hex[1]!, 16) : dec ? Number(dec[1]) : NaN;
    // Only characters XML allows: no NUL, no lone surrogates, nothing past U+10FFFF.
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) throw new XmlSyntaxError(`unknown or invalid entity "&${body};"`);
    return String.fromCodePoint(code);
  });
}

/** The root element of `source`; throws XmlSyntaxError on anything that is not well-formed enough. */
export function parseXml(source: string, { maxDepth = 16 }: { maxDepth?: number } = {}): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const skipPast = (marker: string, what: string) => {
    const end = source.indexOf(marker, i);
    if (end < 0) throw new XmlSyntaxError(`unterminated ${what}`);
    const inner = source.slice(i, end);
    i = end + marker.length;
    return inner;
  };
  const addText = (text: string) => {
    const current = stack[stack.length - 1];
    if (current) current.text += text;
    else if (text.trim() !== '') throw new XmlSyntaxError('text outside the root element');
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      addText(decodeXmlText(source.slice(i)));
      break;
    }
    if (lt > i) addText(decodeXmlText(source.slice(i, lt)));
    i = lt;
    if (source.startsWith('<?', i)) {
      i += 2;
      skipPast('?>', 'processing instruction');
    } else if (source.startsWith('<!--', i)) {
      i += 4;
      skipPast('-->', 'comment');
    } else if (source.startsWith('<![CDATA[', i)) {
      i += 9;
      const data = skipPast(']]>', 'CDATA section');
      if (stack.length === 0) throw new XmlSyntaxError('CDATA outside the root element');
      addText(data);
    } else if (source.startsWith('<!', i)) {
      throw new XmlSyntaxError('DOCTYPE and declarations are not accepted');
    } else if (source.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(source.slice(i, i + 200))?.[0];
      if (!name) throw new XmlSyntaxError('malformed end tag');
      i += name.length;
      while (/\s/.test(source[i] ?? '')) i++;
      if (source[i] !== '>') throw new XmlSyntaxError(`malformed end tag </${name}`);
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlSyntaxError(`</${name}> does not close <${open?.name ?? ''}>`);
    } else {
      i += 1;
      const name = NAME.exec(source.slice(i, i + 200))?.[0];
      if (!name) throw new XmlSyntaxError('malformed start tag');
      i += name.length;
      for (;;) {
        const attribute = ATTRIBUTE.exec(source.slice(i, i + 4096));
        if (!attribute) break;
        i += attribute[0].length;
      }
      while (/\s/.test(source[i] ?? '')) i++;
      const selfClosing = source.startsWith('/>', i);
      if (!selfClosing && source[i] !== '>') throw new XmlSyntaxError(`malformed start tag <${name}`);
      i += selfClosing ? 2 : 1;
      const element: XmlElement = { name, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new XmlSyntaxError('more than one root element');
      else root = element;
      if (!selfClosing) {
        stack.push(element);
        if (stack.length > maxDepth) throw new XmlSyntaxError('elements nested too deeply');
      }
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}
