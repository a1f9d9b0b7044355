export type {
  AiNativeEndpointType,
  AiNativeFakeEndpoint,
  AiNativeGenerationEndpoint,
  AiNativeI2vProvider,
  AiNativeRequestBody,
} from './ainative-catalogue.js';
export {
  AINATIVE_CREDITS,
  AINATIVE_ENDPOINT_TYPES,
  AINATIVE_GENERATION_ENDPOINTS,
  AINATIVE_I2V_PROVIDERS,
  AINATIVE_RATE_LIMITS,
  AINATIVE_USD_PER_CREDIT,
} from './ainative-catalogue.js';
export type {
  AiNativeFailure,
  AiNativeFake,
  AiNativeFakeOptions,
  AiNativeProcessing,
  AiNativeUsageRecord,
  AiNativeUsageStatus,
} from './ainative-fake.js';
export { AINATIVE_BASE_PATH, AINATIVE_ERROR_DETAILS, startAiNativeFake } from './ainative-fake.js';
