// A seeded room with fixed names and text, for pages that are measured or pictured (Lighthouse, the
// README's screenshots): a coordinator from government, members from the private sector and the
// community, a purpose and one proposal. Free of vitest, so the bench and screenshot scripts use it too.
import type { MufakatApp } from "@mufakat/server";
import { type Sector, contract } from "@mufakat/shared";
import { ApiClient } from "./api.ts";
import { storeSeedProposal } from "./seedProposal.ts";

export const demoPassword = "correct horse battery staple";

export interface DemoRoom {
  roomId: string;
  proposalId: string;
  /** Signs in as the room's coordinator. */
  coordinator: { email: string; password: string; id: string };
}

const demoMembers: { sector: Sector; displayName: string; organisation: string }[] = [
  { sector: "government", displayName: "Sari Wulandari", organisation: "Dinas PU Kota Makassar" },
  { sector: "private", displayName: "Budi Santoso", organisation: "PT Air Sejahtera" },
  { sector: "community", displayName: "Rina Hasanah", organisation: "Forum Warga Tamalate" },
];

async function register(
  url: string,
  member: (typeof demoMembers)[number],
  tag: string,
): Promise<{ client: ApiClient; userId: string }> {
  const client = new ApiClient(url);
  const email = `${member.displayName.split(" ")[0]?.toLowerCase()}.${tag}@example.org`;
  const response = await client.call(contract.register, {
    body: { email, password: demoPassword, ...member },
  });
  if (response.status !== 201) throw new Error(`demo room: register ${email}: ${response.status}`);
  client.accessToken = response.body.accessToken;
  return { client, userId: response.body.user.id };
}

/**
 * Seeds the demo room on a running server. `tag` keeps the e-mail addresses unique per database (the
 * names, the room and the proposal are the same every time).
 */
export async function seedDemoRoom(url: string, app: MufakatApp, tag = "demo"): Promise<DemoRoom> {
  const [first, ...others] = demoMembers;
  if (!first) throw new Error("demo room: no members");
  const { client: coordinator, userId } = await register(url, first, tag);
  const room = await coordinator.post("/api/rooms", {
    title: "Air bersih Tamalate",
    purpose: "Menyepakati jadwal distribusi air bersih untuk enam kelurahan di Tamalate.",
    visibility: "open",
  });
  if (room.status !== 201) throw new Error(`demo room: create room: ${room.status}`);
  const roomId: string = room.body.id;
  for (const member of others) {
    const { client } = await register(url, member, tag);
    const joined = await client.post(`/api/rooms/${roomId}/join`);
    if (joined.status !== 201) throw new Error(`demo room: join: ${joined.status}`);
  }
  const proposalId = await storeSeedProposal(app.ctx, {
    roomId,
    createdBy: userId,
    title: "Jadwal distribusi air",
    text: "Air bersih dialirkan ke setiap kelurahan dua kali sehari, pukul 05.00–08.00 dan 17.00–20.00.",
  });
  return {
    roomId,
    proposalId,
    coordinator: { email: `sari.${tag}@example.org`, password: demoPassword, id: userId },
  };
}
