// @mentions: which room members a text names, by display name ("@Budi Santoso") or by id ("@64f0…").
// The server stores what this finds; the client runs the same function to highlight names as typed.

export interface MentionCandidate {
  id: string;
  displayName: string;
}

const wordChar = /[\p{L}\p{N}_]/u;
const objectIdAt = /^[0-9a-f]{24}/;

/**
 * Ids of the members `text` mentions, in order of first mention, each once. An "@" counts only at the
 * start of a word (so "budi@example.org" mentions no one), and a name only when it ends at a word boundary
 * (so "@Budiman" does not mention "Budi"). Names match case-insensitively and the longest name wins, so
 * "@Budi Santoso" mentions Budi Santoso and not a member called Budi; members who share that exact name
 * are all mentioned.
 */
export function findMentions(text: string, members: readonly MentionCandidate[]): string[] {
  if (!text.includes("@") || members.length === 0) return [];
  const memberIds = new Set(members.map((member) => member.id));
  const byLongestName = members
    .filter((member) => member.displayName.length > 0)
    .sort((a, b) => b.displayName.length - a.displayName.length);
  const found: string[] = [];
  const add = (id: string) => {
    if (!found.includes(id)) found.push(id);
  };
  const endsWord = (index: number) => index >= text.length || !wordChar.test(text.charAt(index));

  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (at > 0 && wordChar.test(text.charAt(at - 1))) continue;
    const rest = text.slice(at + 1);
    const id = objectIdAt.exec(rest)?.[0];
    if (id && memberIds.has(id) && endsWord(at + 1 + id.length)) {
      add(id);
      continue;
    }
    let matchedLength: number | null = null;
    for (const member of byLongestName) {
      const name = member.displayName;
      if (matchedLength !== null && name.length < matchedLength) break;
      const candidate = rest.slice(0, name.length);
      if (candidate.toLowerCase() === name.toLowerCase() && endsWord(at + 1 + name.length)) {
        matchedLength = name.length;
        add(member.id);
      }
    }
  }
  return found;
}
