import { readFile } from 'node:fs/promises';
import { ConfigError } from '@genhub/provider';
import { z } from 'zod';

/** The fields of a Google service-account key file (JSON) that Vertex AI access needs. */
const serviceAccountKey = z.object({
  type: z.literal('service_account'),
  project_id: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  client_email: z.string().min(1),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});

export type ServiceAccountKey = z.output<typeof serviceAccountKey>;

const SETTING = {
  key: 'providers.google.serviceAccountKeyFile',
  env: 'GENHUB_GOOGLE_SERVICE_ACCOUNT_KEY_FILE',
};

/** Reads and checks the key file; a missing or malformed file is a configuration error naming the setting. */
export async function readServiceAccountKey(path: string): Promise<ServiceAccountKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError([{ ...SETTING, message: `cannot read the service-account key file ${path}.` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError([{ ...SETTING, message: 'the service-account key file is not JSON.' }]);
  }
  const parsed = serviceAccountKey.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'the file';
    throw new ConfigError([
      { ...SETTING, message: `not a service-account key file (${field} is missing or wrong).` },
    ]);
  }
  return parsed.data;
}
