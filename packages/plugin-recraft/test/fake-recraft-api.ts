import {
  type FakeCall,
  type FakeFile,
  type FakeResponse,
  type FakeServer,
  solidPng,
  startFakeServer,
} from '@genhub/testkit';

/*
 * A fake of Recraft's external API (external.api.recraft.ai/v1) on 127.0.0.1, written from Recraft's
 * documentation (recraft.ai/docs/api-reference: endpoints, models, appendix, error-handling, tools)
 * and the request shapes of its OpenAPI description as Recraft's own MCP server generates them:
 *
 *   POST /v1/images/generations      JSON { prompt, model, n?, size?, style?, substyle?, style_id?,
 *                                    random_seed?, controls?, response_format? }
 *                                    -> { created, credits, data: [{ image_id, url }] }
 *   POST /v1/images/vectorize        multipart: the image as `file` (the docs' examples) or `image`
 *   POST /v1/images/removeBackground (the OpenAPI field), `response_format?`
 *   POST /v1/images/crispUpscale     -> { created, credits, image: { image_id, url } }
 *   POST /v1/images/creativeUpscale
 *
 * Auth is `Authorization: Bearer <token>`; without it the API answers 401 `request unauthorized` as
 * text/plain, and an unknown path 404 `404 page not found` as text/plain. Other refusals answer a
 * non-2xx status whose body "explains the error" (plain text or JSON, the docs say): this fake uses
 * JSON `{ code, message }` for them. Results are served by the fake itself under /files.
 */

export const RECRAFT_FAKE_KEY = 'recraft-fake-token-0123456789abcdef';

/** Models the fake knows, with their family and prompt limit (appendix). */
const MODELS: Readonly<Record<string, { family: 'v3' | 'v4'; vector: boolean; units: number }>> = {
  recraftv4_1: { family: 'v4', vector: false, units: 35 },
  recraftv4_1_vector: { family: 'v4', vector: true, units: 80 },
  recraftv4_1_pro: { family: 'v4', vector: false, units: 210 },
  recraftv4: { family: 'v4', vector: false, units: 40 },
  recraftv4_vector: { family: 'v4', vector: true, units: 80 },
  recraftv4_pro: { family: 'v4', vector: false, units: 250 },
  recraftv4_pro_vector: { family: 'v4', vector: true, units: 300 },
  recraftv3: { family: 'v3', vector: false, units: 40 },
  recraftv3_vector: { family: 'v3', vector: true, units: 80 },
};
const PROMPT_LIMIT = { v3: 1000, v4: 10_000 } as const;
/** Each family's sizes (appendix), as the aspect ratio or as the 1K `WxH` it stands for. */
const SIZES = {
  v4: {
    '1:1': '1024x1024',
    '2:1': '1536x768',
    '1:2': '768x1536',
    '3:2': '1280x832',
    '2:3': '832x1280',
    '4:3': '1216x896',
    '3:4': '896x1216',
    '5:4': '1152x896',
    '4:5': '896x1152',
    '6:10': '832x1344',
    '14:10': '1280x896',
    '10:14': '896x1280',
    '16:9': '1344x768',
    '9:16': '768x1344',
  },
  v3: {
    '1:1': '1024x1024',
    '4:3': '1365x1024',
    '3:4': '1024x1365',
    '3:2': '1536x1024',
    '2:3': '1024x1536',
    '16:9': '1820x1024',
    '9:16': '1024x1820',
    '1:2': '1024x2048',
    '2:1': '2048x1024',
    '7:5': '1434x1024',
    '5:7': '1024x1434',
    '4:5': '1024x1280',
    '5:4': '1280x1024',
    '3:5': '1024x1707',
    '5:3': '1707x1024',
  },
} as const;
const V3_STYLES: Readonly<Record<string, boolean>> = {
  realistic_image: false,
  digital_illustration: false,
  logo_raster: false,
  vector_illustration: true,
};
const TOOL_UNITS: Readonly<Record<string, number>> = {
  vectorize: 10,
  removeBackground: 10,
  crispUpscale: 4,
  creativeUpscale: 250,
};
const TOOL_MAX_BYTES = 10 * 1024 * 1024;

export const FAKE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#e4572e"/></svg>';
const PNG = solidPng(32, 32, [228, 87, 46]);

const unauthorized: FakeResponse = {
  status: 401,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'request unauthorized',
};
const badRequest = (code: string, message: string): FakeResponse => ({
  status: 400,
  json: { code, message },
});

export interface FakeRecraftApi {
  /** `http://127.0.0.1:<port>/v1`: the plugin's `baseUrl`. */
  readonly baseUrl: string;
  /** The fake's origin, to trust in core's download guard. */
  readonly origin: string;
  readonly server: FakeServer;
  /** The next request to any route answers this instead (a refusal, a 429, a 500); then back to normal. */
  failNext(response: FakeResponse): void;
  /** Forgets calls and scripted failures. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeRecraftApi(): Promise<FakeRecraftApi> {
  const server = await startFakeServer();
  let failure: FakeResponse | undefined;
  let next = 0;
  const id = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  const fileUrl = (imageId: string, vector: boolean) =>
    `${server.url}/files/${imageId}.${vector ? 'svg' : 'png'}`;

  /** Runs the API's checks in order: auth, a scripted failure, then the route's own. */
  const api =
    (handle: (call: FakeCall) => FakeResponse) =>
    (call: FakeCall): FakeResponse => {
      if (call.headers.authorization !== `Bearer ${RECRAFT_FAKE_KEY}`) return unauthorized;
      if (failure !== undefined) {
        const scripted = failure;
        failure = undefined;
        return scripted;
      }
      return handle(call);
    };

  server.route(
    'POST /v1/images/generations',
    api((call) => {
      const body = call.bodyJson as Record<string, unknown> | undefined;
      if (typeof body !== 'object' || body === null)
        return badRequest('invalid_request', 'Body must be JSON');
      const modelId = body.model ?? 'recraftv4_1';
      const model = typeof modelId === 'string' ? MODELS[modelId] : undefined;
      if (model === undefined) return badRequest('invalid_model', `Unknown model ${String(modelId)}`);
      const { prompt, n = 1, size, style, substyle } = body;
      if (typeof prompt !== 'string' || prompt.trim() === '')
        return badRequest('invalid_prompt', 'prompt is required');
      if (prompt.length > PROMPT_LIMIT[model.family])
        return badRequest('prompt_too_long', 'prompt is too long');
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 6)
        return badRequest('invalid_n', 'n must be 1 to 6');
      const sizes: Readonly<Record<string, string>> = SIZES[model.family];
      if (size !== undefined && !(String(size) in sizes) && !Object.values(sizes).includes(String(size)))
        return badRequest('invalid_size', `Unsupported size ${String(size)}`);
      if (style !== undefined) {
        if (model.family !== 'v3') return badRequest('invalid_style', `${modelId} takes no style`);
        if (V3_STYLES[String(style)] !== model.vector)
          return badRequest('invalid_style', `Style ${String(style)} does not fit ${modelId}`);
        if (body.style_id !== undefined)
          return badRequest('invalid_style', 'style and style_id are mutually exclusive');
      } else if (substyle !== undefined) {
        return badRequest('invalid_substyle', 'substyle needs a style');
      }
      const data = Array.from({ length: n }, () => {
        const imageId = id();
        return { image_id: imageId, url: fileUrl(imageId, model.vector) };
      });
      return { json: { created: 1_764_720_000, credits: model.units * n, data } };
    }),
  );

  for (const tool of Object.keys(TOOL_UNITS)) {
    server.route(
      `POST /v1/images/${tool}`,
      api((call) => {
        const file: FakeFile | undefined = call.multipart?.files.file ?? call.multipart?.files.image;
        if (file === undefined) return badRequest('invalid_image', 'An image file is required');
        if (file.bytes.byteLength > TOOL_MAX_BYTES)
          return badRequest('image_too_large', 'Image is over 10 MB');
        const imageId = id();
        return {
          json: {
            created: 1_764_720_000,
            credits: TOOL_UNITS[tool],
            image: { image_id: imageId, url: fileUrl(imageId, tool === 'vectorize') },
          },
        };
      }),
    );
  }

  server.route(
    'GET /v1/users/me',
    api(() => ({ json: { id: '7a1c8f0e-0000-4000-8000-000000000001', name: 'GenHub', credits: 4200 } })),
  );

  server.route('GET /files/:name', ({ params }) =>
    params.name?.endsWith('.svg')
      ? { headers: { 'content-type': 'image/svg+xml' }, body: FAKE_SVG }
      : { headers: { 'content-type': 'image/png' }, body: PNG },
  );

  return {
    baseUrl: `${server.url}/v1`,
    origin: server.url,
    server,
    failNext(response) {
      failure = response;
    },
    reset() {
      failure = undefined;
      server.reset();
    },
    close: () => server.close(),
  };
}

/** A PNG as a `data:` URI, as chat hands an uploaded image to a model. */
export function pngDataUri(): string {
  return `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
}
