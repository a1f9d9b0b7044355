import type { HttpRequest } from '@genhub/provider';
import { FormData as UndiciFormData } from 'undici';

/** A request body in the form undici accepts, plus the content type it implies. */
export interface EncodedBody {
  body: string | Uint8Array | UndiciFormData | undefined;
  contentType: string | undefined;
}

/**
 * Encodes `json` as JSON (`application/json`) or passes `body` through. FormData is copied into
 * undici's own FormData: undici only streams instances of its own class, and Node's global FormData
 * comes from a different copy of undici. The multipart content type (with boundary) is left to undici.
 */
export function encodeBody(request: Pick<HttpRequest, 'json' | 'body'>): EncodedBody {
  if (request.json !== undefined) {
    return { body: JSON.stringify(request.json), contentType: 'application/json' };
  }
  const { body } = request;
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
    return { body, contentType: undefined };
  }
  return { body: toUndiciFormData(body), contentType: undefined };
}

function toUndiciFormData(form: FormData): UndiciFormData {
  if (form instanceof UndiciFormData) return form;
  const copy = new UndiciFormData();
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') copy.append(name, value);
    else copy.append(name, value, value.name);
  }
  return copy;
}
