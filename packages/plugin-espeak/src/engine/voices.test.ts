import { describe, expect, it } from 'vitest';
import { parseVoiceList } from './voices.js';

describe('parseVoiceList', () => {
  it('reads the --voices table, skipping the header and repeated languages', () => {
    const lines = [
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)',
      ' 5  yue             --/M      Chinese_(Cantonese) sit/yue              (zh-yue 5)(zh 8)',
      ' 5  yue             --/M      Chinese_(Cantonese,_latin_as_Jyutping) sit/yue-Latn-jyutping (zh-yue 5)',
      '',
    ];
    expect(parseVoiceList(lines)).toEqual([
      { language: 'en-us', name: 'English (America)', file: 'gmw/en-US' },
      { language: 'yue', name: 'Chinese (Cantonese)', file: 'sit/yue' },
    ]);
  });
});
