// maskEntities decides phones, ids and numbers in one pass; these fuzz cases sit where the three
// regex replaces it stands for hand spans to each other (ids next to phones, decimals before ids).
import { describe, expect, it } from 'vitest';
import { pieceText } from './piece-text.js';
import { maskEntities } from '../../classifiers/features/entity-mask.js';
import { maskEntitiesReference } from './references/entity-mask.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

describe('maskEntities in one pass', () => {
  it('equals the regex replaces where phones, ids and numbers meet', () => {
    const rand = seededRandom(23);
    const pieces = ['1', '3', '8', '0', '9', '86', '138', '12345678', '13812345678', '8613812345678', '861381234567', 'a', 'z', 'x', '_', '-', '--', '.', '..', '@', 'com', 'www.', 'abcdefgh', 'abcdefg', 'a1b2c', 'wxid_', ' ', '证', '#', '1.5', '.5', '1.', '℡', 'Ⓘ', '_1', '-1', 'x86'];
    for (let i = 0; i < 40000; i++) {
      const t = pieceText(rand, pieces, 24);
      expect(maskEntities(t), t).toBe(maskEntitiesReference(t));
    }
  });

  it('reads a phone as the end of an id run and a decimal only where no id starts', () => {
    for (const t of ['ab13812345678cd', '-13812345678', 'x13812345678abcde1', '1.5ab3x', '1.13812345678', '2.5kg', 'v1.2.3', 'abc_12.5', 'ab-12.5']) {
      expect(maskEntities(t), t).toBe(maskEntitiesReference(t));
    }
  });
});
