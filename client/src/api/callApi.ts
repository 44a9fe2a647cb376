// A typed call of one operation of the shared HTTP contract: the path is filled from `params`, the query
// string from `query`, the body sent as JSON, and the answer parsed with the schema the contract declares
// for the status the server gave. Built on apiRequest (token, one refresh-and-retry, error shape).
import type { CallInputOf, OperationContract, ResultOf } from "@mufakat/shared";
import { type HttpMethod, apiRequest } from "./http.ts";

export type CallInput<C extends OperationContract> = CallInputOf<C>;

/** `/rooms/:roomId` with `{ roomId: "a b" }` → `/rooms/a%20b`. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=2` from the defined, non-empty values only. */
export function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function callApi<C extends OperationContract>(operation: C, input: CallInput<C>): Promise<ResultOf<C>> {
  const { params, query, body } = input as {
    params?: Record<string, string | number>;
    query?: Record<string, unknown>;
    body?: unknown;
  };
  const path = `${fillPath(operation.path, params)}${queryString(query)}`;
  // The declared success responses share one schema, or none (204); the first one with a schema parses.
  const schema = Object.values(operation.responses).find((response) => response.schema)?.schema;
  return apiRequest(operation.method.toUpperCase() as HttpMethod, path, {
    ...(body !== undefined ? { body } : {}),
    ...(schema ? { schema: schema as { parse(value: unknown): ResultOf<C> } } : {}),
    auth: operation.auth,
  });
}
