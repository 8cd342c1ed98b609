/**
 * Text as Office XML accepts it. Word and Excel refuse to open a file holding a control character or half of a
 * surrogate pair, which a transcript decoded from an odd encoding can contain; these are dropped (controls) or
 * shown as U+FFFD (broken pairs) in the exported copy only.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '');
}
