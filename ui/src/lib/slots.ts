// Sentences with an element inside them (a link, a button, a <strong> name): the catalogue
// holds the whole sentence with a placeholder where the element goes, so each language puts it
// where its grammar wants; the component asks for the sentence with a slot mark in that
// placeholder and renders the text around the element.
//
//   {@const [before, after] = around(m.sections_top_up_in({ link: SLOT }))}
//   {before}<DashboardLink …>{m.sections_billing_link()}</DashboardLink>{after}

/** Private-use characters: they never occur in a catalogue sentence or in a placeholder value. */
export const SLOT = '\uE000';
export const SLOT_2 = '\uE001';

const MARKS = [SLOT, SLOT_2];

/** The text of `sentence` before and after its SLOT (all of it before when it has none). */
export function around(sentence: string): [string, string] {
  const at = sentence.indexOf(SLOT);
  return at < 0 ? [sentence, ''] : [sentence.slice(0, at), sentence.slice(at + SLOT.length)];
}

export type Piece = { text: string; slot: null } | { text: ''; slot: 0 | 1 };

/** `sentence` cut at its slots, in the order the language put them: text pieces, and slot 0
 * (SLOT) and slot 1 (SLOT_2) where the elements go. */
export function pieces(sentence: string): Piece[] {
  const out: Piece[] = [];
  let text = '';
  for (const char of sentence) {
    const slot = MARKS.indexOf(char);
    if (slot < 0) {
      text += char;
      continue;
    }
    if (text) out.push({ text, slot: null });
    text = '';
    out.push({ text: '', slot: slot as 0 | 1 });
  }
  if (text) out.push({ text, slot: null });
  return out;
}
