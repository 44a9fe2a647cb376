// The status line says "every edit saved" only when the server has acknowledged every edit and none was
// refused; the other states each say what is true of the author's copy.
import { describe, expect, it } from "vitest";
import type { LiveStatus } from "../../realtime/index.ts";
import { type SaveState, statusLine } from "./saveStatus.ts";

const connected: LiveStatus = { state: "connected" };
const allSaved: SaveState = { opened: true, unsaved: 0, refused: false, rollingBack: false, discarded: false };

describe("statusLine", () => {
  it("says every edit is saved when connected, opened, and nothing is unacknowledged or refused", () => {
    expect(statusLine(connected, allSaved)).toEqual({
      display: "connected",
      message: "connection.connected",
      saved: true,
    });
  });

  it("never says every edit is saved beside an edit the server refused (the user test's status line)", () => {
    // Refused updates leave the queue, so the count of unsaved edits is 0, as it was in the user test.
    expect(statusLine(connected, { ...allSaved, refused: true })).toEqual({
      display: "connected",
      message: "connection.restoring",
      saved: false,
    });
    expect(statusLine(connected, { ...allSaved, rollingBack: true })).toMatchObject({
      message: "connection.restoring",
      saved: false,
    });
  });

  it("says the text shown is saved but an edit was not, once a refused edit is rolled back and offered", () => {
    expect(statusLine(connected, { ...allSaved, discarded: true })).toEqual({
      display: "connected",
      message: "connection.connectedDiscarded",
      saved: true,
    });
  });

  it("counts the edits not yet acknowledged", () => {
    expect(statusLine(connected, { ...allSaved, unsaved: 3 })).toEqual({
      display: "connected",
      message: "connection.saving",
      n: 3,
      saved: false,
    });
    expect(statusLine({ state: "offline" }, { ...allSaved, opened: false, unsaved: 2 })).toEqual({
      display: "offline",
      message: "connection.offlineUnsaved",
      n: 2,
      saved: false,
    });
    expect(statusLine({ state: "reconnecting" }, { ...allSaved, opened: false, unsaved: 1 })).toMatchObject({
      message: "connection.reconnectingUnsaved",
      n: 1,
    });
  });

  it("reads 'saved' for no state but the acknowledged one, over every combination", () => {
    const statuses: LiveStatus[] = [
      { state: "idle" },
      { state: "connecting" },
      { state: "connected" },
      { state: "reconnecting" },
      { state: "offline" },
      { state: "refused", code: "PROTOCOL_TOO_OLD" },
    ];
    for (const status of statuses) {
      for (const opened of [false, true]) {
        for (const unsaved of [0, 1, 4]) {
          for (const refused of [false, true]) {
            for (const rollingBack of [false, true]) {
              for (const discarded of [false, true]) {
                const save = { opened, unsaved, refused, rollingBack, discarded };
                const line = statusLine(status, save);
                const acknowledged =
                  status.state === "connected" && opened && unsaved === 0 && !refused && !rollingBack;
                expect(line.saved, JSON.stringify({ status, save })).toBe(acknowledged);
                expect(line.message === "connection.connected", JSON.stringify({ status, save })).toBe(
                  acknowledged && !discarded,
                );
              }
            }
          }
        }
      }
    }
  });
});
