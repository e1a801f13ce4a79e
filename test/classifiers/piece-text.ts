// Random texts strung from a test's pieces: the scanner tests fuzz each code-unit scanner
// against the regex it replaced on such texts, where the pieces sit where the two could differ.

/** Up to max - 1 pieces drawn with `rand` (the count first, then each piece). */
export function pieceText(rand: () => number, pieces: readonly string[], max: number): string {
  let t = '';
  for (let k = Math.floor(rand() * max); k > 0; k--) t += pieces[Math.floor(rand() * pieces.length)];
  return t;
}
