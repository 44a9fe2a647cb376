// A proposal with a body, stored as an edit would be (proposals are otherwise created over the socket).
// Free of vitest, so the schemathesis server script (tests/contract) seeds with it too.
import type { MufakatApp } from "@mufakat/server";
import { proposalBodyFragment } from "@mufakat/shared";
import { Types } from "mongoose";
import * as Y from "yjs";

export async function storeSeedProposal(
  models: MufakatApp["ctx"]["models"],
  props: { roomId: string; createdBy: string; title: string; text: string },
): Promise<string> {
  const { Proposal, ProposalUpdate } = models;
  const proposal = await Proposal.create({
    roomId: new Types.ObjectId(props.roomId),
    title: props.title,
    createdBy: new Types.ObjectId(props.createdBy),
  });
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(props.text)]);
  doc.getXmlFragment(proposalBodyFragment).insert(0, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  await ProposalUpdate.create({
    proposalId: proposal._id,
    update: Buffer.from(update),
    bytes: update.byteLength,
    userId: new Types.ObjectId(props.createdBy),
    createdAt: new Date(),
  });
  return proposal._id.toHexString();
}
