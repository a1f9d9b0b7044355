import { GenHubError } from '@genhub/provider';

/**
 * SVG sanitizing: an SVG is markup a provider made, and a browser opening it runs whatever script
 * it holds. The file is parsed as XML (jsdom's strict parser: malformed markup, an undefined
 * entity or a root that is not `<svg>` is refused, never repaired), cleaned by DOMPurify's SVG
 * allowlist, then held to GenHub's own rule that nothing may reach outside the file: every link
 * points into the file itself (`#id`), `url()` only to `#id`, and a style sheet that could load
 * anything is dropped. What is written back is the cleaned tree alone, serialized as XML (no
 * prolog, doctype, entities or CDATA).
 */

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';

/** Raster pictures an `<image>` may carry inline; anything else it points at goes. */
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$/i;

/** The only `url(...)` CSS or an attribute may hold: one pointing into the file (`url(#id)`). */
const URL_FUNCTION = /url\(\s*(['"]?)\s*([^)'"]*)\1\s*\)/gi;

/**
 * CSS that could load or run something even without `url(`: rules that fetch, functions that
 * take a bare string as an image, old script hooks, and escapes, which can spell any of these.
 */
const LOADING_CSS =
  /@import|@font-face|image-set|image\(|src\(|cross-fade|expression|binding|behavior|javascript:|\\/i;

/** Elements DOMPurify leaves out by default that GenHub keeps, once their links point inside the file. */
const EXTRA_TAGS = ['use'];

/**
 * The little of the DOM this file touches, typed here: jsdom's own types (@types/jsdom) bring the
 * browser's DOM library into every package that compiles core, changing Node's fetch and stream
 * types there.
 */
interface XmlNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  replaceWith(node: XmlNode): void;
}

interface XmlAttr {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly value: string;
}

interface XmlElement extends XmlNode {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly attributes: ArrayLike<XmlAttr>;
  readonly childNodes: ArrayLike<XmlNode>;
  readonly ownerDocument: { createTextNode(text: string): XmlNode };
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  removeAttributeNode(attribute: XmlAttr): unknown;
  remove(): void;
}

interface XmlWindow {
  readonly document: { readonly documentElement: XmlElement | null };
  readonly XMLSerializer: new () => { serializeToString(node: XmlElement): string };
  close(): void;
}

interface Sanitizer {
  parseXml(text: string, contentType: 'image/svg+xml'): XmlWindow;
  purifier(window: XmlWindow): { sanitize(root: XmlElement, config: Record<string, unknown>): unknown };
}

/** Module names as values, so TypeScript does not look for types the packages do not ship. */
const JSDOM_MODULE = 'jsdom';
const DOMPURIFY_MODULE = 'dompurify';

let loaded: Promise<Sanitizer> | undefined;

/** jsdom and DOMPurify load on the first SVG, not when GenHub starts. */
function load(): Promise<Sanitizer> {
  loaded ??= Promise.all([import(JSDOM_MODULE), import(DOMPURIFY_MODULE)]).then(([jsdom, purify]) => {
    const JSDOM = (jsdom as { JSDOM: new (text: string, options: object) => { window: XmlWindow } }).JSDOM;
    const createPurifier = (purify as { default: (window: XmlWindow) => ReturnType<Sanitizer['purifier']> })
      .default;
    return {
      parseXml: (text, contentType) => new JSDOM(text, { contentType }).window,
      purifier: (window) => createPurifier(window),
    };
  });
  return loaded;
}

/** The error for an SVG that cannot be read as one: the provider's failure, not the user's. */
export function unreadableSvgError(reason: string, cause?: unknown): GenHubError {
  return new GenHubError('PROVIDER_UNAVAILABLE', `The provider's SVG could not be read (${reason}).`, {
    retryable: false,
    details: { reason: 'unreadable-svg' },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The SVG with everything that could run or load something removed. Throws GenHubError
 * PROVIDER_UNAVAILABLE (`details.reason` `unreadable-svg`) for text that is not a well-formed SVG.
 */
export async function sanitizeSvg(text: string): Promise<string> {
  // The parser would expand entities, so a few bytes could become gigabytes: refused unread.
  if (text.includes('<!ENTITY'))
    throw unreadableSvgError('it declares entities, which GenHub does not expand');
  const sanitizer = await load();
  let window: XmlWindow;
  try {
    window = sanitizer.parseXml(text, 'image/svg+xml');
  } catch (error) {
    throw unreadableSvgError('it is not well-formed XML', error);
  }
  try {
    const { document } = window;
    const root = document.documentElement;
    if (root === null || root.namespaceURI !== SVG_NAMESPACE || root.localName !== 'svg') {
      throw unreadableSvgError('its root is not an SVG element');
    }
    // Before cleaning, since DOMPurify drops CDATA (and with it many exporters' style sheets).
    for (const element of [root, ...Array.from(root.getElementsByTagName('*'))]) textInsteadOfCdata(element);
    sanitizer.purifier(window).sanitize(root, {
      IN_PLACE: true,
      USE_PROFILES: { svg: true, svgFilters: true },
      ADD_TAGS: EXTRA_TAGS,
    });
    keepInsideTheFile(root);
    return new window.XMLSerializer().serializeToString(root);
  } catch (error) {
    // Nesting too deep for the cleaner, say: refused like any other unreadable file.
    if (GenHubError.isInstance(error)) throw error;
    throw unreadableSvgError('it could not be cleaned', error);
  } finally {
    window.close();
  }
}

/** Removes every link, `url()` and style sheet that points outside the file. */
function keepInsideTheFile(root: XmlElement): void {
  for (const element of [root, ...Array.from(root.getElementsByTagName('*'))]) {
    if (element.localName === 'style' && !isSelfContainedCss(element.textContent ?? '')) {
      element.remove();
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      if (!isSelfContainedAttribute(element, attribute)) element.removeAttributeNode(attribute);
    }
  }
}

function isSelfContainedAttribute(element: XmlElement, attribute: XmlAttr): boolean {
  const isLink =
    attribute.localName === 'href' &&
    (attribute.namespaceURI === null || attribute.namespaceURI === XLINK_NAMESPACE);
  if (isLink) {
    const target = attribute.value.trim();
    return target.startsWith('#') || (element.localName === 'image' && INLINE_IMAGE.test(target));
  }
  if (attribute.localName === 'style') return isSelfContainedCss(attribute.value);
  return !/url\(/i.test(attribute.value) || isSelfContainedCss(attribute.value);
}

/** CSS whose every `url()` points into the file and that has nothing else that loads or runs. */
export function isSelfContainedCss(css: string): boolean {
  const withoutComments = css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '');
  for (const text of [css, withoutComments]) {
    if (LOADING_CSS.test(text)) return false;
    const outside = text.replace(URL_FUNCTION, (match, _quote: string, target: string) =>
      target.trim().startsWith('#') ? '' : match,
    );
    if (/url\(/i.test(outside)) return false;
  }
  return true;
}

/**
 * CDATA sections become plain text: the same characters, written escaped when serialized, so the
 * file never holds markup-like text (`<script`) even where it would be harmless.
 */
function textInsteadOfCdata(element: XmlElement): void {
  const CDATA_SECTION_NODE = 4;
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === CDATA_SECTION_NODE) {
      child.replaceWith(element.ownerDocument.createTextNode(child.textContent ?? ''));
    }
  }
}
