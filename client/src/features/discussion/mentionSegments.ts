// Splits a message into plain text and @mentions for highlighting; each span is confirmed with the shared
// rule (findMentions), so the client highlights exactly whom the server notified.
import { type MentionCandidate, findMentions } from "@mufakat/shared";

export type MessageSegment = { type: "text"; text: string } | { type: "mention"; text: string; userId: string };

export function mentionSegments(text: string, members: readonly MentionCandidate[]): MessageSegment[] {
  const segments: MessageSegment[] = [];
  const byLongestName = [...members].sort((a, b) => b.displayName.length - a.displayName.length);
  let plainFrom = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (at < plainFrom) continue;
    const match = mentionAt(text, at, byLongestName);
    if (!match) continue;
    if (at > plainFrom) segments.push({ type: "text", text: text.slice(plainFrom, at) });
    segments.push({ type: "mention", text: text.slice(at, at + match.length), userId: match.userId });
    plainFrom = at + match.length;
  }
  if (plainFrom < text.length) segments.push({ type: "text", text: text.slice(plainFrom) });
  return segments;
}

/** The mention starting at `at`: by id or by the longest name the shared rule accepts there. */
function mentionAt(
  text: string,
  at: number,
  byLongestName: readonly MentionCandidate[],
): { userId: string; length: number } | null {
  // The character before and after decide whether it counts: give the rule that context, nothing more.
  const before = at > 0 ? text.charAt(at - 1) : "";
  for (const member of byLongestName) {
    for (const token of [member.id, member.displayName]) {
      if (!token) continue;
      const length = 1 + token.length;
      const window = before + text.slice(at, at + length + 1);
      if (findMentions(window, [member]).includes(member.id)) {
        const candidate = text.slice(at + 1, at + length);
        if (candidate.toLowerCase() === token.toLowerCase()) return { userId: member.id, length };
      }
    }
  }
  return null;
}
