// A proposal with a body (one paragraph, or several), stored as one edit would be (proposals are otherwise created over the socket).
// Free of vitest, so the schemathesis server script (tests/contract) seeds with it too. It tells the app, as
// createProposal does (proposalChanged), so a room whose proposal list is cached lists the new one.
import type { MufakatApp } from "@mufakat/server";
import { proposalBodyFragment } from "@mufakat/shared";
import { Types } from "mongoose";
import * as Y from "yjs";

export async function storeSeedProposal(
  ctx: Pick<MufakatApp["ctx"], "models" | "events">,
  props: { roomId: string; createdBy: string; title: string } & ({ text: string } | { paragraphs: string[] }),
): Promise<string> {
  const paragraphs = "text" in props ? [props.text] : props.paragraphs;
  const { Proposal, ProposalUpdate } = ctx.models;
  const proposal = await Proposal.create({
    roomId: new Types.ObjectId(props.roomId),
    title: props.title,
    createdBy: new Types.ObjectId(props.createdBy),
  });
  const proposalId = proposal._id.toHexString();
  ctx.events.publish("proposalChanged", { roomId: props.roomId, proposalId });
  // No paragraphs: a proposal nobody has written in yet, with no update stored.
  if (paragraphs.length === 0) return proposalId;
  const doc = new Y.Doc();
  doc.getXmlFragment(proposalBodyFragment).insert(
    0,
    paragraphs.map((line) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    }),
  );
  const update = Y.encodeStateAsUpdate(doc);
  await ProposalUpdate.create({
    proposalId: proposal._id,
    update: Buffer.from(update),
    bytes: update.byteLength,
    userId: new Types.ObjectId(props.createdBy),
    createdAt: new Date(),
  });
  return proposalId;
}
