// How an organisation's members' positions become one voice, and what makes two names one organisation.
import { describe, expect, it } from "vitest";
import type { Position } from "../schemas/motion.ts";
import { combineOrganisationPositions, normaliseOrganisationName, organisationKey } from "./organisationBalance.ts";

describe("combineOrganisationPositions", () => {
  it.each<[Position[], Position]>([
    [["support"], "support"],
    [["standAside"], "standAside"],
    [["support", "support", "block"], "support"],
    [["object", "object", "support"], "object"],
    [["support", "block"], "block"],
    [["support", "supportWithReservations"], "supportWithReservations"],
    [["support", "standAside"], "standAside"],
    [["standAside", "object"], "object"],
    [["object", "block"], "block"],
    [["support", "support", "object", "object", "block"], "object"],
    [["block", "support", "supportWithReservations", "standAside", "object"], "block"],
    [["supportWithReservations", "support", "support", "standAside", "standAside", "support"], "support"],
  ])("%j speaks as %s", (members, voice) => {
    expect(combineOrganisationPositions(members)).toBe(voice);
    expect(combineOrganisationPositions([...members].reverse())).toBe(voice);
  });

  it("refuses an organisation without voters", () => {
    expect(() => combineOrganisationPositions([])).toThrow(RangeError);
  });
});

describe("organisation identity", () => {
  it("trims, collapses whitespace and folds case", () => {
    expect(normaliseOrganisationName("  Dinas \t Kesehatan\n")).toBe("dinas kesehatan");
    expect(normaliseOrganisationName("LSM Ñusantara")).toBe("lsm ñusantara");
    // Composed and decomposed forms of the same name are one organisation.
    expect(normaliseOrganisationName("Cafe\u0301 Kopi")).toBe(normaliseOrganisationName("Caf\u00e9 kopi"));
  });

  it("is per sector: the same name in two sectors is two organisations", () => {
    expect(organisationKey("government", "Bappeda")).toBe(organisationKey("government", " BAPPEDA "));
    expect(organisationKey("government", "Bappeda")).not.toBe(organisationKey("private", "Bappeda"));
  });
});
