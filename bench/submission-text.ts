/** Distinct, harmless observation texts for the write benchmarks (no digits, so no personal-data detector fires). */
const SYLLABLES = ['ba', 'de', 'fi', 'go', 'hu', 'ka', 'le', 'mi', 'no', 'pu', 'ra', 'se', 'ti', 'vo', 'wu', 'za'];

/** A pronounceable word unique to `n`. */
export function wordFor(n: number): string {
  let out = '';
  let x = n;
  do {
    out += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  return out;
}

/** The `n`-th observation text: unique per `n` and per `salt`. */
export function observationText(n: number, salt = 'run'): string {
  return `The counter now asks for a second copy of the ${wordFor(n)} form before the appointment (${salt} ${wordFor(n * 7 + 3)}).`;
}
