/** One voice from `espeak-ng --voices`. */
export interface EspeakVoice {
  /** The language code espeak selects it by (`-v en-us`); the plugin's `voice` values. */
  language: string;
  /** espeak's display name, underscores turned back into spaces: `English (America)`. */
  name: string;
  /** The voice file under espeak-ng-data/voices: `gmw/en-US`. */
  file: string;
}

/**
 * Parses the table `espeak-ng --voices` prints:
 *
 *   Pty Language       Age/Gender VoiceName          File                 Other Languages
 *    2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 *
 * Keeps the first voice of a language listed twice (espeak's `-v` picks that one too).
 */
export function parseVoiceList(lines: readonly string[]): EspeakVoice[] {
  const voices = new Map<string, EspeakVoice>();
  for (const line of lines) {
    const [priority, language, , name, file] = line.trim().split(/\s+/);
    if (!priority || !/^\d+$/.test(priority) || !language || !name || !file) continue;
    if (!voices.has(language)) voices.set(language, { language, name: name.replaceAll('_', ' '), file });
  }
  return [...voices.values()];
}
