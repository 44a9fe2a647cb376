// The ballot form's draft and the API's answer: round trips per kind, nothing chosen for the voter, and
// a number that is not whole kept as NaN so the shared check names it.
import { describe, expect, it } from "vitest";
import { answerOfDraft, dotsPlaced, draftOfAnswer, optionLabel } from "./pollAnswer.ts";

const options = [
  { id: "o1", label: "Pelabuhan" },
  { id: "o2", label: "Terminal" },
  { id: "o3", label: "Lapangan" },
];

describe("poll answer drafts", () => {
  it("starts empty, and from the stored answer when there is one", () => {
    expect(draftOfAnswer({ options, myAnswer: null })).toEqual({ o1: "", o2: "", o3: "" });
    expect(draftOfAnswer({ options, myAnswer: { ranks: { o2: 1, o1: 2 } } })).toEqual({ o1: "2", o2: "1", o3: "" });
    expect(draftOfAnswer({ options, myAnswer: { answers: { o3: "ifNeedBe" } } })).toEqual({
      o1: "",
      o2: "",
      o3: "ifNeedBe",
    });
  });

  it("sends only what was given, in the kind's field", () => {
    const draft = { o1: "2", o2: "", o3: " 1 " };
    expect(answerOfDraft({ kind: "ranked", options }, draft)).toEqual({ ranks: { o1: 2, o3: 1 } });
    expect(answerOfDraft({ kind: "score", options }, draft)).toEqual({ scores: { o1: 2, o3: 1 } });
    expect(answerOfDraft({ kind: "dot", options }, draft)).toEqual({ dots: { o1: 2, o3: 1 } });
    expect(answerOfDraft({ kind: "time", options }, { o1: "yes", o2: "", o3: "no" })).toEqual({
      answers: { o1: "yes", o3: "no" },
    });
    expect(answerOfDraft({ kind: "dot", options }, { o1: "1,5", o2: "", o3: "" }).dots?.o1).toBeNaN();
  });

  it("counts the dots placed and writes a slot in the viewer's language", () => {
    expect(dotsPlaced({ o1: "3", o2: "", o3: "x" })).toBe(3);
    const slots = { kind: "time" as const, options: [{ id: "o1", label: "2027-01-05T01:00:00.000Z" }] };
    expect(optionLabel(slots, "o1", (iso) => `at ${iso.slice(0, 10)}`)).toBe("at 2027-01-05");
    expect(optionLabel({ kind: "ranked", options }, "o2", () => "never")).toBe("Terminal");
  });
});
