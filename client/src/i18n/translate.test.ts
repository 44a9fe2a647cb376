// Both dictionaries translate every domain term and error code, with the same placeholders.
import { collaborationStages, errorCodes, memberRoles, roomVisibilities, sectors } from "@mufakat/shared";
import { describe, expect, it } from "vitest";
import { messagesEn } from "./messages.en.ts";
import { messagesId } from "./messages.id.ts";
import { describeFieldIssue, errorCodeMessage, translator } from "./translate.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("dictionaries", () => {
  it("have the same keys, no empty text, and the same placeholders per key", () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesId).sort());
    for (const [key, text] of Object.entries(messagesId)) {
      const english = messagesEn[key as keyof typeof messagesEn];
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it("translate every error code of the shared contract", () => {
    for (const code of errorCodes) {
      const hint = `add "error.${code}" to client/src/i18n/messages.id.ts and messages.en.ts`;
      expect(messagesId, hint).toHaveProperty([`error.${code}`]);
      expect(messagesEn, hint).toHaveProperty([`error.${code}`]);
    }
  });

  it("use the glossary's Indonesian terms for sectors, roles and stages", () => {
    const t = translator("id");
    expect(sectors.map((sector) => t(`sector.${sector}`))).toEqual([
      "Pemerintah",
      "Swasta",
      "Masyarakat",
      "Akademisi",
      "Media",
    ]);
    expect(memberRoles.map((role) => t(`role.${role}`))).toEqual(["Koordinator", "Peserta", "Pengamat"]);
    expect(collaborationStages.map((stage) => t(`stage.${stage}`))).toEqual([
      "Eksplorasi",
      "Pembentukan",
      "Pertumbuhan",
      "Kematangan",
      "Berakhir",
    ]);
    expect(roomVisibilities.map((visibility) => t(`visibility.${visibility}`))).toHaveLength(2);
  });
});

describe("translator", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translator("en")("rooms.memberCount", { n: 3 })).toBe("3 members");
    expect(translator("id")("rooms.memberCount", {})).toBe("{n} anggota");
  });

  it("names an error code it has no words for instead of failing", () => {
    expect(errorCodeMessage("INVITE_EXPIRED", translator("en"))).toBe("This invite link has expired.");
    expect(errorCodeMessage("SOMETHING_NEW", translator("en"))).toBe("Something went wrong (SOMETHING_NEW).");
  });
});

describe("describeFieldIssue", () => {
  const t = translator("id");
  it.each([
    ["required", "Wajib diisi"],
    ["Invalid input: expected string, received undefined", "Wajib diisi"],
    ["must be an email address", "Harus berupa alamat email"],
    ["at least 10 characters", "Minimal 10 karakter"],
    ["Too small: expected string to have >=1 characters", "Minimal 1 karakter"],
    ["Too big: expected string to have <=140 characters", "Maksimal 140 karakter"],
    ['Invalid option: expected one of "government"|"private"', "Pilih salah satu pilihan yang tersedia"],
    ["something the client has never seen", "Isian tidak valid"],
  ])("words %j as %j", (message, expected) => {
    expect(describeFieldIssue({ path: "field", message }, t)).toBe(expected);
  });
});
