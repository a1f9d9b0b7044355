import { GenHubError } from '@genhub/provider';
import type { DOMPurify as Purifier } from 'dompurify';
import type { JSDOM as JsdomClass } from 'jsdom';

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

interface Sanitizer {
  JSDOM: typeof JsdomClass;
  createPurifier: (window: Window) => Purifier;
}

let loaded: Promise<Sanitizer> | undefined;

/** jsdom and DOMPurify load on the first SVG, not when GenHub starts. */
function load(): Promise<Sanitizer> {
  loaded ??= Promise.all([import('jsdom'), import('dompurify')]).then(([jsdom, purify]) => ({
    JSDOM: jsdom.JSDOM,
    createPurifier: (window) => purify.default(window as unknown as Parameters<typeof purify.default>[0]),
  }));
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
  const { JSDOM, createPurifier } = await load();
  let dom: JsdomClass;
  try {
    dom = new JSDOM(text, { contentType: 'image/svg+xml' });
  } catch (error) {
    throw unreadableSvgError('it is not well-formed XML', error);
  }
  try {
    const { document } = dom.window;
    const root = document.documentElement;
    if (root === null || root.namespaceURI !== SVG_NAMESPACE || root.localName !== 'svg') {
      throw unreadableSvgError('its root is not an SVG element');
    }
    // Before cleaning, since DOMPurify drops CDATA (and with it many exporters' style sheets).
    for (const element of [root, ...Array.from(root.getElementsByTagName('*'))]) textInsteadOfCdata(element);
    const purifier = createPurifier(dom.window as unknown as Window);
    purifier.sanitize(root, {
      IN_PLACE: true,
      USE_PROFILES: { svg: true, svgFilters: true },
      ADD_TAGS: EXTRA_TAGS,
    });
    keepInsideTheFile(root);
    return new dom.window.XMLSerializer().serializeToString(root);
  } catch (error) {
    // Nesting too deep for the cleaner, say: refused like any other unreadable file.
    if (GenHubError.isInstance(error)) throw error;
    throw unreadableSvgError('it could not be cleaned', error);
  } finally {
    dom.window.close();
  }
}

/** Removes every link, `url()` and style sheet that points outside the file. */
function keepInsideTheFile(root: Element): void {
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

function isSelfContainedAttribute(element: Element, attribute: Attr): boolean {
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
function textInsteadOfCdata(element: Element): void {
  const CDATA_SECTION_NODE = 4;
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === CDATA_SECTION_NODE) {
      child.replaceWith(element.ownerDocument.createTextNode(child.textContent ?? ''));
    }
  }
}
