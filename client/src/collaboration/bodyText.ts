// The proposal body as plain text, one line per block, and the text of one copy that a stored state lacks:
// the words a copy rolled back to the server's state hands its author to copy. What is unsaved is read from
// the Yjs items themselves (who wrote each character, at which clock), so text others stored meanwhile is
// never mistaken for the author's, wherever it landed.
import * as Y from "yjs";

/** A run of characters of one Yjs item: written by `client`, the first at `clock`, the next ones after it. */
export interface TextRun {
  client: number;
  clock: number;
  text: string;
}

/** The body's visible text, as runs, one list per line (block); nested blocks such as list items each a line. */
export type BodyRuns = TextRun[][];

export function bodyRuns(body: Y.XmlFragment): BodyRuns {
  const lines: BodyRuns = [];
  collectLines(body, lines);
  return lines;
}

/** The body's text: one line per block. */
export function bodyText(body: Y.XmlFragment): string {
  return bodyRuns(body)
    .map((line) => line.map((run) => run.text).join(""))
    .join("\n");
}

/**
 * The text of `runs` that a document with `stored` (its state vector) lacks, as passages: characters in a row
 * that are not stored form one passage (line breaks between blocks kept), and passages are separated by a
 * blank line. Spaces and line breaks around each passage are dropped. Empty when every character is stored.
 */
export function unsavedText(runs: BodyRuns, stored: Map<number, number>): string {
  const passages: string[] = [];
  let passage = "";
  let open = false;
  const close = () => {
    const text = passage.trim();
    if (text) passages.push(text);
    passage = "";
    open = false;
  };
  runs.forEach((line, index) => {
    if (index > 0 && open) passage += "\n";
    for (const run of line) {
      const savedUpTo = stored.get(run.client) ?? 0;
      const savedLength = Math.min(run.text.length, Math.max(0, savedUpTo - run.clock));
      if (savedLength > 0) close();
      if (savedLength < run.text.length) {
        passage += run.text.slice(savedLength);
        open = true;
      }
    }
  });
  close();
  return passages.join("\n\n");
}

function collectLines(parent: Y.XmlFragment | Y.XmlElement, lines: BodyRuns): void {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) lines.push(runsOf(child));
    else if (child instanceof Y.XmlElement) {
      const children = child.toArray();
      if (children.some((node) => node instanceof Y.XmlElement)) collectLines(child, lines);
      else lines.push(children.flatMap((node) => (node instanceof Y.XmlText ? runsOf(node) : [])));
    }
  }
}

function runsOf(text: Y.XmlText): TextRun[] {
  const runs: TextRun[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) {
      runs.push({ client: item.id.client, clock: item.id.clock, text: item.content.str });
    }
  }
  return runs;
}
