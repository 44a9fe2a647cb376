// Organisation balance: each organisation counts as one voice, so an agency that brings ten staff to a
// vote weighs as much as a neighbourhood group that brings one.
import type { Ballot, OrganisationVoice, Position } from "../schemas/motion.ts";
import { positions } from "../schemas/motion.ts";
import { sectors } from "../schemas/user.ts";
import type { Sector } from "../schemas/user.ts";

/**
 * The name part of an organisation's identity: Unicode NFC, trimmed, inner whitespace runs collapsed to
 * one space, lower-cased (locale-independent). "  Dinas  Kesehatan " and "dinas kesehatan" are one
 * organisation; the same name in two sectors is two organisations.
 */
export function normaliseOrganisationName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/gu, " ").toLowerCase();
}

/** Identity of an organisation: its sector and normalised name. */
export function organisationKey(sector: Sector, name: string): string {
  return `${sector}\u0000${normaliseOrganisationName(name)}`;
}

/**
 * An organisation's voice: the most common position among its voting members; a tie goes to the more
 * cautious position (block > object > standAside > supportWithReservations > support). A lone member's
 * block therefore does not veto for a larger organisation whose other members support, while an evenly
 * split organisation speaks for the more cautious half.
 */
export function combineOrganisationPositions(memberPositions: readonly Position[]): Position {
  if (memberPositions.length === 0) throw new RangeError("combineOrganisationPositions: no positions");
  let voice: Position = "support";
  let voiceCount = -1;
  // positions runs from least to most cautious, so ">=" lets the more cautious side of a tie win.
  for (const position of positions) {
    const n = memberPositions.filter((p) => p === position).length;
    if (n > 0 && n >= voiceCount) {
      voice = position;
      voiceCount = n;
    }
  }
  return voice;
}

/** The organisations among the ballots with their combined voices, sorted by sector order, then name. */
export function organisationVoices(ballots: readonly Ballot[]): OrganisationVoice[] {
  const groups = new Map<string, { sector: Sector; organisation: string; positions: Position[] }>();
  for (const ballot of ballots) {
    const key = organisationKey(ballot.sector, ballot.organisation);
    const group = groups.get(key);
    if (group) {
      group.positions.push(ballot.position);
    } else {
      groups.set(key, {
        sector: ballot.sector,
        organisation: normaliseOrganisationName(ballot.organisation),
        positions: [ballot.position],
      });
    }
  }
  return [...groups.values()]
    .map((group) => ({
      sector: group.sector,
      organisation: group.organisation,
      voters: group.positions.length,
      position: combineOrganisationPositions(group.positions),
    }))
    .sort(
      (a, b) =>
        sectors.indexOf(a.sector) - sectors.indexOf(b.sector) ||
        (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0),
    );
}
