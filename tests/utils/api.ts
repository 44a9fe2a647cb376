// A small HTTP client for tests: JSON in and out, a bearer token, and a cookie jar for the refresh cookie.
// `call(operationId or contract entry, {params, query, body})` is typed by the shared HTTP contract; the raw
// get/post/patch/delete stay for hostile and malformed requests the contract does not describe.
import {
  type CallInputOf,
  type Contract,
  type OperationContract,
  type OperationId,
  type RegisterInput,
  type ResultOf,
  type Sector,
  type Session,
  contract,
} from "@mufakat/shared";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  accessToken: string | null = null;
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get refreshCookie(): string | undefined {
    return this.cookies.get("mufakat_refresh");
  }

  setRefreshCookie(value: string): void {
    this.cookies.set("mufakat_refresh", value);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const cookieHeader = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ""] = setCookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(setCookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (an HTML page, say): keep the text so the assertion shows it.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /**
   * One operation of the shared contract, by operationId or entry, with params, query and body typed by it;
   * the body of the answer is typed as its success result (check `status` first).
   */
  call<Id extends OperationId>(
    operation: Id,
    input: CallInputOf<Contract[Id]>,
  ): Promise<ApiResponse<ResultOf<Contract[Id]>>>;
  call<C extends OperationContract>(operation: C, input: CallInputOf<C>): Promise<ApiResponse<ResultOf<C>>>;
  async call(
    operation: OperationContract | OperationId,
    input: { params?: Record<string, string | number>; query?: object; body?: unknown },
  ): Promise<ApiResponse<unknown>> {
    const entry: OperationContract = typeof operation === "string" ? contract[operation] : operation;
    const path = entry.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      const value = input.params?.[name];
      if (value === undefined) throw new Error(`missing path parameter ${name} for ${entry.operationId}`);
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(input.query ?? {})) {
      if (value !== undefined && value !== null) search.set(name, String(value));
    }
    const query = search.toString();
    return this.request(entry.method.toUpperCase(), `/api${path}${query ? `?${query}` : ""}`, input.body);
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }
}

let userCounter = 0;

export function userInput(sector: Sector = "government", overrides: Partial<RegisterInput> = {}): RegisterInput {
  userCounter += 1;
  const id = `${Date.now().toString(36)}${userCounter}`;
  return {
    email: `user${id}@example.org`,
    displayName: `User ${id}`,
    password: "correct horse battery staple",
    sector,
    organisation: `${sector} org`,
    ...overrides,
  };
}

/** Registers a new user and returns a client logged in as them. */
export async function registeredClient(
  baseUrl: string,
  sector: Sector = "government",
  overrides: Partial<RegisterInput> = {},
): Promise<{ client: ApiClient; session: Session; input: RegisterInput }> {
  const client = new ApiClient(baseUrl);
  const input = userInput(sector, overrides);
  const response = await client.call(contract.register, { body: input });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  client.accessToken = response.body.accessToken;
  return { client, session: response.body, input };
}

/** The parsed body of a raw fetch Response, typed for reading error codes in assertions. */
export async function jsonBody(response: Response): Promise<any> {
  return response.json();
}

/** The contract entry for an operationId, for tests that name operations. */
export function operation<Id extends OperationId>(id: Id): Contract[Id] {
  return contract[id];
}
