// Rooms of many sectors and seeded proposals, for the decision tests.
import { expect } from "vitest";
import { type Sector, sectors } from "@mufakat/shared";
import { type ApiClient, registeredClient } from "./api.ts";
import { storeSeedProposal } from "./seedProposal.ts";
import type { TestServer } from "./server.ts";

export interface Member {
  client: ApiClient;
  id: string;
  sector: Sector;
  accessToken: string;
}

/** An open room whose coordinator is in government, with `perSector` members in each of the five sectors. */
export async function roomOfSectors(
  server: TestServer,
  perSector: number,
): Promise<{ roomId: string; coordinator: Member; members: Member[] }> {
  const first = await registeredClient(server.url, "government", { organisation: "Dinas PU" });
  const room = await first.client.post("/api/rooms", { title: "Air bersih", visibility: "open" });
  const coordinator: Member = {
    client: first.client,
    id: first.session.user.id,
    sector: "government",
    accessToken: first.session.accessToken,
  };
  const members: Member[] = [coordinator];
  const joiners = await Promise.all(
    sectors.flatMap((sector) =>
      Array.from({ length: sector === "government" ? perSector - 1 : perSector }, (_, i) =>
        registeredClient(server.url, sector, { organisation: `${sector} org ${i % 2}` }),
      ),
    ),
  );
  for (const joiner of joiners) {
    const joined = await joiner.client.post(`/api/rooms/${room.body.id}/join`);
    expect(joined.status).toBe(201);
    members.push({
      client: joiner.client,
      id: joiner.session.user.id,
      sector: joiner.session.user.sector,
      accessToken: joiner.session.accessToken,
    });
  }
  return { roomId: room.body.id, coordinator, members };
}

/** A proposal whose body (the XmlFragment TipTap edits) holds `text`, stored as an edit would be. */
export async function seedProposal(
  server: TestServer,
  roomId: string,
  createdBy: string,
  text: string,
): Promise<string> {
  return storeSeedProposal(server.app.ctx, { roomId, createdBy, title: "Jadwal air", text });
}
