// The HTTP contract: one declaration per operation, keyed by operationId. The server's router and
// OpenAPI document, the client's typed calls and the tests' client are all derived from `contract`.
import * as accountability from "./accountability.ts";
import * as auth from "./auth.ts";
import type { OperationContract } from "./define.ts";
import * as decisions from "./decisions.ts";
import * as delegations from "./delegations.ts";
import * as discussion from "./discussion.ts";
import * as joinRequests from "./joinRequests.ts";
import * as polls from "./polls.ts";
import * as rooms from "./rooms.ts";
import * as opinions from "./opinions.ts";

export * from "./define.ts";

export const contract = {
  ...auth,
  ...rooms,
  ...joinRequests,
  ...discussion,
  ...decisions,
  ...accountability,
  ...polls,
  ...delegations,
  ...opinions,
};

export type Contract = typeof contract;
export type OperationId = keyof Contract;

/** Every operation, in the order of the document (auth, rooms, join requests, discussion, decisions, accountability, polls, delegations, opinions). */
export const operationContracts: readonly OperationContract[] = Object.values(contract);
