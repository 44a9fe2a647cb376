// Form errors in a real browser: each invalid field is marked beside itself in the chosen language, and
// refusals by error code (EMAIL_TAKEN, INVALID_CREDENTIALS) are worded by the client, not the server.
import { beforeEach, describe, expect, it } from "vitest";
import {
  type BrowserUser,
  type UiRegistration,
  browserForSuite,
  submitRegistration,
  uiRegistration,
} from "../utils/browser.ts";

// A fresh server for every test (the first counts every stored user) and a fresh visitor, whose page may
// raise no uncaught error.
const browserSuite = browserForSuite({}, { serverPer: "test" });
const { server } = browserSuite;
let visitor: BrowserUser;

beforeEach(async () => {
  visitor = await browserSuite.openUserForTest();
});

/** Registers an account over REST, as a test's starting point. */
function registerOverRest(account: UiRegistration): Promise<Response> {
  return fetch(`${server.url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
}

describe("form errors", () => {
  const taken = uiRegistration("media", "Harian Fajar");

  it("marks each invalid registration field beside itself and stores nothing", async () => {
    const { page } = visitor;
    await page.goto("/register");
    await page.getByTestId("register-email").fill("bukan-email");
    await page.getByTestId("register-password").fill("pendek");
    await page.getByTestId("register-submit").click();

    const fieldError = (field: string) => page.getByTestId(`register-${field}-error`);
    await fieldError("email").waitFor();
    expect(await fieldError("email").textContent()).toBe("Harus berupa alamat email");
    expect(await fieldError("password").textContent()).toBe("Minimal 10 karakter");
    expect(await fieldError("display-name").textContent()).toBe("Wajib diisi");
    expect(await fieldError("sector").textContent()).toBe("Pilih salah satu pilihan yang tersedia");
    expect(await fieldError("organisation").textContent()).toBe("Wajib diisi");
    expect(await page.getByTestId("register-email").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("register-error").getAttribute("data-error-code")).toBe("VALIDATION_FAILED");

    await page.getByTestId("language-switch").selectOption("en");
    await fieldError("email").filter({ hasText: "Must be an email address" }).waitFor();
    await page.getByTestId("language-switch").selectOption("id");
    expect(await server.connection.collection("users").countDocuments()).toBe(0);
  });

  it("words EMAIL_TAKEN from the client's dictionary when the address is already registered", async () => {
    const { page } = visitor;
    const response = await fetch(`${server.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(taken),
    });
    expect(response.status).toBe(201);

    await page.goto("/register");
    await submitRegistration(page, { ...taken, displayName: "Orang Lain" });
    const banner = page.getByTestId("register-error");
    await banner.filter({ hasText: "Email ini sudah terdaftar." }).waitFor();
    expect(await banner.getAttribute("data-error-code")).toBe("EMAIL_TAKEN");
    expect(new URL(page.url()).pathname).toBe("/register");
    expect(await server.connection.collection("users").countDocuments({ email: taken.email })).toBe(1);
  });

  it("refuses a wrong password with INVALID_CREDENTIALS, then logs in with the right one", async () => {
    expect((await registerOverRest(taken)).status).toBe(201);
    const { page } = visitor;
    await page.goto("/login");
    await page.getByTestId("login-email").fill(taken.email);
    await page.getByTestId("login-password").fill("kata sandi yang salah");
    await page.getByTestId("login-submit").click();
    const banner = page.getByTestId("login-error");
    await banner.filter({ hasText: "Email atau kata sandi salah." }).waitFor();
    expect(await banner.getAttribute("data-error-code")).toBe("INVALID_CREDENTIALS");

    await page.getByTestId("login-password").fill(taken.password);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => url.pathname === "/rooms");
    expect(await page.getByTestId("current-user").textContent()).toContain(taken.displayName);
  });
});
