import { lenient, looseNumber, nonBlank } from '@genhub/provider';
import { z } from 'zod';

/** One image of an answer: a temporary URL (about 24 hours) or base64, by `response_format`. */
export const recraftImage = z.object({
  image_id: lenient(nonBlank),
  url: lenient(nonBlank),
  b64_json: lenient(nonBlank),
  revised_prompt: lenient(nonBlank),
});
export type RecraftImage = z.infer<typeof recraftImage>;

/** `POST /images/generations`: `{ created, credits, data: [image] }`. */
export const imageSetAnswer = z.object({
  credits: lenient(looseNumber),
  data: z.array(recraftImage),
});
export type ImageSetAnswer = z.infer<typeof imageSetAnswer>;

/** The tools (vectorize, removeBackground, crispUpscale, creativeUpscale): `{ created, credits, image }`. */
export const processedImageAnswer = z.object({
  credits: lenient(looseNumber),
  image: recraftImage,
});
export type ProcessedImageAnswer = z.infer<typeof processedImageAnswer>;

/** `GET /users/me`: the account, with its balance of API units as `credits`. */
export const userAnswer = z.object({
  credits: looseNumber,
});
