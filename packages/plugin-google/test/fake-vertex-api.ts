import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FakeCall,
  type FakeResponse,
  type FakeServer,
  minimalMp4,
  startFakeServer,
} from '@genhub/testkit';
import { importSPKI, jwtVerify } from 'jose';

/*
 * A fake of Vertex AI's Veo routes and Google's OAuth token endpoint on 127.0.0.1, written from the
 * Vertex AI Veo API reference and "OAuth 2.0 for server to server applications":
 *   POST /token  grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RS256 JWT>
 *   POST /v1/projects/{p}/locations/{l}/publishers/google/models/{model}:predictLongRunning
 *   POST /v1/projects/{p}/locations/{l}/publishers/google/models/{model}:fetchPredictOperation { operationName }
 * The JWT must be signed by the service account's key, for the token endpoint, with the cloud-platform
 * scope; API calls need `Authorization: Bearer <token>` (401 UNAUTHENTICATED otherwise). Videos come
 * back base64 in `response.videos[]`, as they do when no storage bucket is given.
 */

export const VERTEX_PROJECT = 'veo-project';
const ACCESS_TOKEN = 'ya29.fake-vertex-access-token-0123456789';
const VERTEX_MODELS = [
  'veo-3.1-generate-001',
  'veo-3.1-fast-generate-001',
  'veo-3.1-lite-generate-001',
  'veo-3.0-generate-001',
  'veo-3.0-fast-generate-001',
  'veo-2.0-generate-001',
];

export type VertexEnding = 'succeeded' | 'filtered' | { code: number; message: string };

export interface FakeVertexApi {
  readonly url: string;
  readonly server: FakeServer;
  /** The service-account key file pointing at this fake's token endpoint. */
  readonly keyFile: string;
  readonly privateKey: string;
  readonly accessToken: string;
  plan(plan: { runningPolls: number; ending: VertexEnding }): void;
  close(): Promise<void>;
}

const googleError = (code: number, status: string, message: string): FakeResponse => ({
  status: code,
  json: { error: { code, message, status } },
});

export async function startFakeVertexApi(): Promise<FakeVertexApi> {
  const server = await startFakeServer();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyForJose = await importSPKI(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    'RS256',
  );
  const clientEmail = `genhub@${VERTEX_PROJECT}.iam.gserviceaccount.com`;
  const tokenUri = `${server.url}/token`;
  const keyFile = join(mkdtempSync(join(tmpdir(), 'veo-vertex-')), 'service-account.json');
  writeFileSync(
    keyFile,
    JSON.stringify({
      type: 'service_account',
      project_id: VERTEX_PROJECT,
      private_key_id: 'fake',
      private_key: privatePem,
      client_email: clientEmail,
      token_uri: tokenUri,
    }),
  );
  const operations = new Map<
    string,
    { polls: number; samples: number; plan: { runningPolls: number; ending: VertexEnding } }
  >();
  let plan: { runningPolls: number; ending: VertexEnding } = { runningPolls: 1, ending: 'succeeded' };
  const video = Buffer.from(minimalMp4()).toString('base64');

  const authorized = (call: FakeCall) => call.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
  const unauthenticated = googleError(
    401,
    'UNAUTHENTICATED',
    'Request had invalid authentication credentials. Expected OAuth 2 access token.',
  );

  const routes = () => {
    server.route('POST /token', async (call) => {
      const form = new URLSearchParams(call.bodyText);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        return {
          status: 400,
          json: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' },
        };
      }
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKeyForJose, {
          issuer: clientEmail,
          audience: tokenUri,
        });
        if (payload.scope !== 'https://www.googleapis.com/auth/cloud-platform') throw new Error('scope');
      } catch {
        return { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
      }
      return { json: { access_token: ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' } };
    });
    server.route(
      `POST /v1/projects/:project/locations/:location/publishers/google/models/:modelAction`,
      (call) => {
        if (!authorized(call)) return unauthenticated;
        const { project, location } = call.params;
        const [model = '', action] = (call.params.modelAction ?? '').split(':');
        if (project !== VERTEX_PROJECT || !VERTEX_MODELS.includes(model)) {
          return googleError(
            404,
            'NOT_FOUND',
            `Publisher Model projects/${project}/locations/${location}/publishers/google/models/${model} not found.`,
          );
        }
        const body = call.bodyJson as Record<string, unknown>;
        if (action === 'predictLongRunning') {
          const instances = body?.instances as Array<Record<string, unknown>> | undefined;
          const parameters = (body?.parameters ?? {}) as Record<string, unknown>;
          if (!Array.isArray(instances) || typeof instances[0]?.prompt !== 'string')
            return googleError(400, 'INVALID_ARGUMENT', 'instances[0].prompt is required.');
          if (
            parameters.seed !== undefined &&
            (!Number.isInteger(parameters.seed) ||
              Number(parameters.seed) < 0 ||
              Number(parameters.seed) > 4_294_967_295)
          ) {
            return googleError(400, 'INVALID_ARGUMENT', 'seed must be between 0 and 4294967295.');
          }
          if (parameters.generateAudio !== undefined && typeof parameters.generateAudio !== 'boolean') {
            return googleError(400, 'INVALID_ARGUMENT', 'generateAudio must be a boolean.');
          }
          const name = `projects/${project}/locations/${location}/publishers/google/models/${model}/operations/${operations.size + 1}a${Math.random().toString(16).slice(2, 10)}`;
          operations.set(name, { polls: 0, samples: Number(parameters.sampleCount ?? 1), plan });
          return { json: { name } };
        }
        if (action === 'fetchPredictOperation') {
          const name = String(body?.operationName ?? '');
          const operation = operations.get(name);
          if (operation === undefined) return googleError(404, 'NOT_FOUND', 'Operation not found.');
          operation.polls += 1;
          if (operation.polls <= operation.plan.runningPolls) return { json: { name } };
          const { ending } = operation.plan;
          if (typeof ending === 'object') return { json: { name, done: true, error: ending } };
          return {
            json: {
              name,
              done: true,
              response: {
                '@type': 'type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse',
                raiMediaFilteredCount: ending === 'filtered' ? operation.samples : 0,
                ...(ending === 'filtered'
                  ? {
                      raiMediaFilteredReasons: [
                        'The prompt could not be submitted: it violates the usage guidelines.',
                      ],
                    }
                  : {
                      videos: Array.from({ length: operation.samples }, () => ({
                        bytesBase64Encoded: video,
                        mimeType: 'video/mp4',
                      })),
                    }),
              },
            },
          };
        }
        return googleError(404, 'NOT_FOUND', 'Method not found.');
      },
    );
  };
  routes();

  return {
    url: server.url,
    server,
    keyFile,
    privateKey: privatePem,
    accessToken: ACCESS_TOKEN,
    plan(next) {
      plan = next;
      routes();
    },
    close: () => server.close(),
  };
}
