// @genhub/plugin-openai: OpenAI's GPT Image and speech models for GenHub.

export type { OpenAiSettings } from './config.js';
export { openaiSettings } from './config.js';
export { openaiPlugin } from './openai-plugin.js';
