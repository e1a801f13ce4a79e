// Separators, punctuation, emoji and spaces wedged between Han characters or digits
// ("办 证", "办★证", "1 3 8"): removed so the word or number reads whole again.
const SEP_CHARS = String.raw`\s\-_.·•*~/\\|,，、。．:;!！?？'"‘’“”【】\[\]()（）<>《》「」『』★☆♥♡❤❥♦◆◇○●□■△▲▽▼→←↑↓…@#&%^=+`;
const PICTO = String.raw`\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}`;
const HAN = String.raw`\p{Script=Han}`;

const BETWEEN_HAN = new RegExp(`(?<=${HAN})[${SEP_CHARS}${PICTO}]{1,3}(?=${HAN})`, 'gu');
const BETWEEN_DIGITS = new RegExp(`(?<=\\d)[\\s\\-_.·•*~/\\\\|,，、。．${PICTO}]{1,2}(?=\\d)`, 'gu');
const PICTO_ANY = new RegExp(`[${PICTO}]+`, 'gu');

const isHanCode = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** Removes separator runs between two Han characters or two digits; other emoji become a space. */
export function removeSeparators(text: string): string {
  // Fast path: nothing but Han, letters and digits next to each other needs no regex work.
  let needs = false;
  for (let i = 1; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanCode(c) || isDigitCode(c) || (c >= 97 && c <= 122)) continue;
    const a = text.charCodeAt(i - 1);
    if (isHanCode(a) || isDigitCode(a) || c >= 0xd800) {
      needs = true;
      break;
    }
  }
  if (!needs) return text;
  return text.replace(BETWEEN_HAN, '').replace(BETWEEN_DIGITS, '').replace(PICTO_ANY, ' ');
}

/** Only the Han-to-Han part: the contact view keeps separators inside numbers. */
export function removeHanSeparators(text: string): string {
  return text.replace(BETWEEN_HAN, '');
}
