/** Whether, and how, the plugin uses one operation of the imarouter OpenAPI document. */
export type Coverage = { covered: true; how: string } | { covered: false; reason: string };

const CHAT = 'Chat tag: text completion, not media generation; out of scope for GenHub.';

/**
 * Every operation of the document (`METHOD /path#fragment`). The README's table is generated from
 * this and the document, and a test fails when an operation is missing here or a covered create
 * operation is never sent.
 */
export const OPERATION_COVERAGE: Readonly<Record<string, Coverage>> = {
  'GET /api/usage/token/user-balance': { covered: true, how: '`provider.balance()` (USD) and `health()`' },
  'POST /v1/music/generations': { covered: true, how: '`imarouter/sonic` (text-to-music)' },
  'GET /v1/music/generations/{task_id}': {
    covered: true,
    how: 'polls music; every song becomes an output with title and lyrics in its metadata',
  },
  'POST /v1/audio/speech': {
    covered: true,
    how: '`imarouter/seed-tts-2.0` (text, or SSML when the prompt starts with `<speak`)',
  },
  'GET /v1/audio/speech/{task_id}': { covered: true, how: 'polls speech' },
  'POST /v1/images/generations': { covered: true, how: 'Gemini 3 Pro, 3.1 Flash and 2.5 Flash image models' },
  'GET /v1/images/generations/{task_id}': { covered: true, how: 'polls every image model' },
  'POST /v1/images/generations#gpt-image': {
    covered: true,
    how: '`imarouter/gpt-image-2`: text-to-image, image-to-image (`images`), edit (`images` + `mask`)',
  },
  'GET /v1/images/generations/{task_id}#gpt-image': { covered: true, how: 'polls gpt-image-2 (same path)' },
  'POST /v1/images/generations#doubao-seedream': {
    covered: true,
    how: '`imarouter/doubao-seedream-5-0-lite-260128`, `imarouter/seedream-5-0-260128`',
  },
  'POST /v1/images/generations#doubao-seedream-45': {
    covered: true,
    how: '`imarouter/doubao-seedream-4-5-251128`',
  },
  'GET /v1/images/generations/{task_id}#doubao-seedream': {
    covered: true,
    how: 'polls Seedream (same path)',
  },
  'POST /v1/images/generations#wan': {
    covered: true,
    how: '`imarouter/wan2.7-image`, `imarouter/wan2.7-image-pro`',
  },
  'POST /v1/images/generations#wan26': {
    covered: true,
    how: '`imarouter/wan2.6-t2i`, `imarouter/wan2.6-image`',
  },
  'GET /v1/images/generations/{task_id}#wan': { covered: true, how: 'polls Wan images (same path)' },
  'POST /v1/images/generations#pruna': {
    covered: true,
    how: '`imarouter/prunaai-p-image`, `imarouter/prunaai-p-image-edit`',
  },
  'GET /v1/images/generations/{task_id}#pruna': { covered: true, how: 'polls PrunaAI (same path)' },
  'POST /v1/videos': {
    covered: true,
    how: 'Seedance 2.0 / Fast / CN (`endpoint: videos`, the default): images, frames, reference media, portrait assets, `x-moderation`',
  },
  'POST /v1/videos#wan26': { covered: true, how: 'Wan 2.6 t2v, i2v, i2v-flash, r2v' },
  'GET /v1/videos/{task_id}#wan26': { covered: true, how: 'polls Wan 2.6 video (same path)' },
  'POST /v1/videos#happyhorse': { covered: true, how: 'HappyHorse 1.0 t2v, i2v, r2v, video-edit' },
  'GET /v1/videos/{task_id}#happyhorse': { covered: true, how: 'polls HappyHorse (same path)' },
  'POST /v1/videos#kling-v3-video': { covered: true, how: '`imarouter/kling-v3-video`' },
  'GET /v1/videos/{task_id}#kling-v3-video': { covered: true, how: 'polls Kling v3 (same path)' },
  'POST /v1/videos#kling-v3-omni-video': { covered: true, how: '`imarouter/kling-v3-omni-video`' },
  'GET /v1/videos/{task_id}#kling-v3-omni-video': { covered: true, how: 'polls Kling v3 Omni (same path)' },
  'POST /v1/videos#kling': { covered: true, how: 'legacy Kling models with `endpoint: videos`' },
  'POST /v1/videos#vidu': { covered: true, how: 'Vidu models with `endpoint: videos`' },
  'POST /v1/videos#pixverse': { covered: true, how: 'Pixverse models (`endpoint: videos`, the default)' },
  'POST /v1/videos#veo': {
    covered: true,
    how: '`imarouter/veo-3.0-generate-001`, `imarouter/veo-3.1-fast-generate-001`',
  },
  'POST /v1/videos/subtitle-erase': {
    covered: true,
    how: '`imarouter/doubao-video-subtitle-erase-cn` (video-to-video)',
  },
  'GET /v1/videos/subtitle-erase/{task_id}': { covered: true, how: 'polls subtitle erase' },
  'GET /v1/videos/{task_id}': {
    covered: true,
    how: 'polls every task created on `POST /v1/videos` (Seedance, Kling, Veo, Pixverse, Vidu, MiniMax, Wan, HappyHorse)',
  },
  'POST /api/v1/contents/generations/tasks': {
    covered: true,
    how: 'Seedance with `endpoint: contents` (explicit frame roles, seed, `return_last_frame`)',
  },
  'GET /api/v1/contents/generations/tasks/{task_id}': { covered: true, how: 'polls Seedance contents tasks' },
  'GET /v1/videos/{task_id}#pixverse': { covered: true, how: 'polls Pixverse (same path)' },
  'GET /v1/videos/{task_id}#veo': { covered: true, how: 'polls Veo (same path)' },
  'POST /v1/assets/group/create': { covered: true, how: '`assets.createGroup()`' },
  'POST /v1/assets/group/list': { covered: true, how: '`assets.listGroups()`' },
  'POST /v1/assets/group/get': { covered: true, how: '`assets.getGroup()`' },
  'POST /v1/assets/group/update': { covered: true, how: '`assets.updateGroup()`' },
  'POST /v1/assets/create': {
    covered: true,
    how: '`assets.createAsset()`, then `asset://` in Seedance `assetImages`/`assetVideos`/`assetAudios`',
  },
  'POST /v1/assets/list': { covered: true, how: '`assets.listAssets()`' },
  'POST /v1/assets/get': { covered: true, how: '`assets.getAsset()`, `assets.waitUntilActive()`' },
  'POST /v1/assets/update': { covered: true, how: '`assets.updateAsset()`' },
  'POST /v1/assets/quota': { covered: true, how: '`assets.quota()`' },
  'POST /mj/submit/imagine': {
    covered: true,
    how: '`imarouter/midjourney`: imagine (`mj_imagine`), and blend without a prompt (`mj_blend` with `dimensions`)',
  },
  'POST /mj/submit/blend': {
    covered: true,
    how: '`imarouter/midjourney` blend with a prompt (2-5 `images`)',
  },
  'POST /mj/submit/change': {
    covered: true,
    how: 'Midjourney buttons: upscale, variation (subtle/strong), reroll, zoom, custom zoom, pan',
  },
  'GET /mj/task/{task_id}/fetch': {
    covered: true,
    how: 'polls Midjourney; images plus their buttons in `metadata.midjourney`',
  },
  'GET /mj/image/{task_id}': {
    covered: true,
    how: 'fallback when a finished task gives no image link: the image is fetched as bytes',
  },
  'POST /v1/chat/completions': { covered: false, reason: CHAT },
  'POST /v1/responses': { covered: false, reason: CHAT },
  'POST /v1/messages': { covered: false, reason: CHAT },
  'POST /v1/embeddings': { covered: false, reason: CHAT },
  'POST /mj/submit/modal': {
    covered: true,
    how: 'Midjourney Remix and Vary (Region) buttons, with an optional `mask`',
  },
  'POST /kling/v1/videos/text2video': {
    covered: true,
    how: 'legacy Kling text-to-video with `endpoint: kling`',
  },
  'POST /kling/v1/videos/image2video': {
    covered: true,
    how: 'legacy Kling image-to-video with `endpoint: kling`',
  },
  'POST /v1/video/generations#kling': {
    covered: true,
    how: 'legacy Kling models (`endpoint: video-generations`, the default)',
  },
  'GET /kling/v1/videos/text2video/{task_id}': {
    covered: true,
    how: 'polls native Kling text-to-video tasks',
  },
  'GET /kling/v1/videos/image2video/{task_id}': {
    covered: true,
    how: 'polls native Kling image-to-video tasks',
  },
  'POST /v1/video/generations#vidu': {
    covered: true,
    how: 'Vidu models (`endpoint: video-generations`, the default)',
  },
  'POST /v1/video/generations#pixverse': {
    covered: true,
    how: 'Pixverse models with `endpoint: video-generations`',
  },
  'GET /v1/video/generations/{task_id}#vidu': { covered: true, how: 'polls Vidu (same path)' },
  'GET /v1/video/generations/{task_id}#pixverse': { covered: true, how: 'polls Pixverse (same path)' },
  'POST /v1/video/generations': {
    covered: true,
    how: 'MiniMax Hailuo 02 / 2.3 / 2.3 Fast (`endpoint: video-generations`, the default)',
  },
  'POST /v1/videos#minimax': { covered: true, how: 'MiniMax Hailuo with `endpoint: videos`' },
  'GET /v1/video/generations/{task_id}': {
    covered: true,
    how: 'polls every task created on `POST /v1/video/generations` (MiniMax, Kling, Vidu, Pixverse)',
  },
};
