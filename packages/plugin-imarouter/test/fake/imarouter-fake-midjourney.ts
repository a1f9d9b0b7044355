/** Midjourney's buttons, as the fake offers them on finished tasks. */
export interface FakeMidjourneyButton {
  customId: string;
  label: string;
  emoji: string;
  style: number;
}

function button(customId: string, label: string, emoji = ''): FakeMidjourneyButton {
  return { customId, label, emoji, style: 2 };
}

/** A 2x2 grid (imagine, blend, variation, reroll, zoom, pan): U1-U4, reroll, V1-V4. */
export function gridButtons(hash: string): FakeMidjourneyButton[] {
  return [
    ...[1, 2, 3, 4].map((index) => button(`MJ::JOB::upsample::${index}::${hash}`, `U${index}`)),
    button(`MJ::JOB::reroll::0::${hash}::SOLO`, '', '🔄'),
    ...[1, 2, 3, 4].map((index) => button(`MJ::JOB::variation::${index}::${hash}`, `V${index}`)),
  ];
}

/** One upscaled image: vary, region, zoom, pan, remix and a bookmark GenHub does not press. */
export function upscaleButtons(hash: string): FakeMidjourneyButton[] {
  return [
    button(`MJ::JOB::upsample_v6_2x_subtle::1::${hash}::SOLO`, 'Upscale (Subtle)'),
    button(`MJ::JOB::high_variation::1::${hash}::SOLO`, 'Vary (Strong)', '🪄'),
    button(`MJ::JOB::low_variation::1::${hash}::SOLO`, 'Vary (Subtle)', '🪄'),
    button(`MJ::Inpaint::1::${hash}::SOLO`, 'Vary (Region)', '🖌️'),
    button(`MJ::Outpaint::50::1::${hash}::SOLO`, 'Zoom Out 2x', '🔍'),
    button(`MJ::Outpaint::75::1::${hash}::SOLO`, 'Zoom Out 1.5x', '🔍'),
    button(`MJ::CustomZoom::${hash}`, 'Custom Zoom', '🔍'),
    button(`MJ::JOB::pan_left::1::${hash}::SOLO`, '', '⬅️'),
    button(`MJ::JOB::pan_right::1::${hash}::SOLO`, '', '➡️'),
    button(`MJ::JOB::pan_up::1::${hash}::SOLO`, '', '⬆️'),
    button(`MJ::JOB::pan_down::1::${hash}::SOLO`, '', '⬇️'),
    button(`MJ::RemixModal::${hash}`, 'Remix', '🎛️'),
    button(`MJ::BOOKMARK::${hash}`, '', '❤️'),
  ];
}

/** The task action Midjourney reports for a submitted `model`. */
export function midjourneyActionName(model: string): string {
  switch (model) {
    case 'mj_blend':
      return 'BLEND';
    case 'mj_upscale':
      return 'UPSCALE';
    case 'mj_variation':
    case 'mj_low_variation':
    case 'mj_high_variation':
    case 'mj_remix':
      return 'VARIATION';
    case 'mj_reroll':
      return 'REROLL';
    case 'mj_zoom':
    case 'mj_custom_zoom':
      return 'ZOOM';
    case 'mj_pan':
      return 'PAN';
    default:
      return 'IMAGINE';
  }
}
