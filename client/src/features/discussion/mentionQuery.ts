// The @mention suggestions of a text box: which "@…" the caret is in, which members it may mean, and the
// text once one is chosen. A chosen member is written as "@Display Name ", the form the shared rule
// (findMentions) resolves on the server, so what the list offers is what the server notifies.
import type { MentionCandidate } from "@mufakat/shared";

export interface MentionQuery {
  /** Where the "@" is. */
  from: number;
  /** What is typed after it, up to the caret. */
  query: string;
}

/** Names are short: an "@" further back than this from the caret is not being typed now. */
export const mentionQueryMaxChars = 40;
export const mentionSuggestionsMax = 8;
const wordChar = /[\p{L}\p{N}_]/u;

/** The "@query" the caret ends, or null: an "@" at the start of a word, on the caret's line. */
export function activeMentionQuery(text: string, caret: number): MentionQuery | null {
  const lineStart = text.lastIndexOf("\n", caret - 1) + 1;
  const from = text.lastIndexOf("@", caret - 1);
  if (from < lineStart || caret - from - 1 > mentionQueryMaxChars) return null;
  if (from > 0 && wordChar.test(text.charAt(from - 1))) return null;
  const query = text.slice(from + 1, caret);
  if (query.startsWith(" ")) return null;
  return { from, query };
}

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/**
 * The members a query may mean, best first: those whose whole name starts with it, then those with a later
 * word starting with it; alphabetical within each. An empty query offers everyone.
 */
export function matchMembers(
  query: string,
  members: readonly MentionCandidate[],
  max = mentionSuggestionsMax,
): MentionCandidate[] {
  const wanted = folded(query.trimEnd());
  const ranked: { member: MentionCandidate; rank: number }[] = [];
  for (const member of members) {
    const name = folded(member.displayName);
    if (name.startsWith(wanted)) ranked.push({ member, rank: 0 });
    else if (name.split(/\s+/).some((word) => word.startsWith(wanted))) ranked.push({ member, rank: 1 });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.member.displayName.localeCompare(b.member.displayName))
    .slice(0, max)
    .map(({ member }) => member);
}

/** The text with the "@query" at `mention.from` (up to `caret`) replaced by the member's name and a space. */
export function insertMention(
  text: string,
  mention: MentionQuery,
  caret: number,
  member: MentionCandidate,
): { text: string; caret: number } {
  const inserted = `@${member.displayName} `;
  const after = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, mention.from) + inserted + after, caret: mention.from + inserted.length };
}

/** The members one may mention: everyone in the room but oneself. */
export function others(members: readonly MentionCandidate[], myId: string): MentionCandidate[] {
  return members.filter((member) => member.id !== myId);
}
