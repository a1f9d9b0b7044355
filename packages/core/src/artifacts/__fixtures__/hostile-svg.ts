/**
 * An SVG with every trick (but entities, which are refused outright: ENTITY_SVG) the sanitizer must undo, each marked by a word (`pwned-...`, an outside
 * host) that must not survive; the drawing itself (a gradient-filled rectangle and a text) must.
 */
export const HOSTILE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "https://evil.example/pwned-dtd.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert('pwned-onload')">
  <script>alert('pwned-script')</script>
  <script type="text/ecmascript"><![CDATA[ alert('pwned-cdata') ]]></script>
  <defs><linearGradient id="paint"><stop offset="0" stop-color="#f80"/></linearGradient></defs>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert('pwned-foreign')"/></div></foreignObject>
  <a href="javascript:alert('pwned-js-href')"><rect id="shape" width="5" height="5" fill="url(#paint)" onclick="alert('pwned-onclick')"/></a>
  <a xlink:href="javascript:alert('pwned-js-xlink')"><text x="1" y="9">Fox &amp; hound</text></a>
  <a href="https://evil.example/pwned-link"><circle r="1"/></a>
  <a href="&#106;avascript&#58;alert('pwned-char-ref')"><circle r="2"/></a>
  <text y="5">&lt;script&gt;shown as text, harmless&lt;/script&gt;</text>
  <style><![CDATA[ circle { fill: url(#paint) } @import 'https://evil.example/pwned-cdata-import.css'; ]]></style>
  <image href="https://evil.example/pwned-image.png" width="1" height="1"/>
  <image xlink:href="http://evil.example/pwned-xlink-image.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/pwned-use.svg#a"/>
  <use href="#shape" x="5"/>
  <style>@import url(https://evil.example/pwned-import.css);</style>
  <style>rect { fill: url(https://evil.example/pwned-style-url) }</style>
  <rect width="1" height="1" style="fill: url('https://evil.example/pwned-style-attr')"/>
  <rect width="1" height="1" filter="url(https://evil.example/pwned-filter#f)"/>
  <set attributeName="onmouseover" to="alert('pwned-set')"/>
  <animate attributeName="href" values="javascript:alert('pwned-animate')"/>
  <iframe src="https://evil.example/pwned-iframe"/>
  <?xml-stylesheet href="https://evil.example/pwned-pi.css"?>
</svg>`;

/** Words that mark the hostile parts of HOSTILE_SVG. */
export const HOSTILE_MARKERS = [
  'pwned',
  'evil.example',
  '<script',
  'onload',
  'onclick',
  'foreignObject',
  'javascript:',
  '@import',
  'DOCTYPE',
  'CDATA',
];

/** An SVG whose one entity expands (or would, past a sanitizer): refused, never expanded. */
export const ENTITY_SVG = `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "<script>alert('pwned-entity')</script>"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>`;
