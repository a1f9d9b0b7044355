import { AiNativeDefaults } from './ainative-config.js';

/** Credits in US dollars, without floating-point dust (14 credits is $0.007, not $0.007000000000000001). */
export function creditsToUsd(credits: number, usdPerCredit: number = AiNativeDefaults.usdPerCredit): number {
  if (!Number.isFinite(credits) || credits <= 0) return 0;
  return Math.round(credits * usdPerCredit * 1e9) / 1e9;
}
