/**
 * Terminal width of a string for the bundled `rtbench` command (scripts/bundle-cli.mjs puts it in
 * front of `string-width`, which creates an `Intl.Segmenter` and compiles Unicode-property regular
 * expressions when it loads: ≈ 50 ms of every start-up). Printable ASCII (U+0020–U+007E: no escape
 * codes, no tabs) is one column per character and is answered here; any other text goes to the real
 * `string-width`, loaded on first need.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A `string-width` function (text, options) → columns. */
export type StringWidth = (text: string, options?: object) => number;

/** Wraps `load` (returns the real `string-width`) so that printable ASCII never loads it. */
export function createAsciiFirstWidth(load: () => StringWidth): StringWidth {
  let real: StringWidth | null = null;
  return function stringWidth(text, options) {
    if (typeof text === 'string' && PRINTABLE_ASCII.test(text)) return text.length;
    real ??= load();
    return real(text, options);
  };
}
