// Log in with email and password, then continue where the user was going (?next=).
import { useMutation } from "@tanstack/react-query";
import { loginInputSchema } from "@mufakat/shared";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { login } from "../../api/endpoints.ts";
import { useSession } from "../../api/useSession.ts";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { InvitePendingNote } from "./InvitePendingNote.tsx";
import { safeReturnPath } from "./returnPath.ts";

export function LoginPage() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get("next"));
  const [form, setForm] = useState({ email: "", password: "" });
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      await login(validateInput(loginInputSchema, form));
      await navigate(next, { replace: true });
    },
  });
  const error = apiErrorOf(failure);

  if (session.state === "signed-in" && !submitting) return <Navigate to={next} replace />;

  return (
    <main className="page page-narrow">
      <h1>{t("auth.login.title")}</h1>
      <InvitePendingNote next={next} />
      <form
        noValidate
        data-testid="login-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorMessage error={error} testId="login-error" />
        <FormField name="email" label={t("field.email")} error={error} testId="login-email">
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              value={form.email}
              data-testid="login-email"
              onChange={(event) => setForm({ ...form, email: event.target.value })}
            />
          )}
        </FormField>
        <FormField name="password" label={t("field.password")} error={error} testId="login-password">
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={form.password}
              data-testid="login-password"
              onChange={(event) => setForm({ ...form, password: event.target.value })}
            />
          )}
        </FormField>
        <button type="submit" className="button-primary" disabled={submitting} data-testid="login-submit">
          {t("auth.login.submit")}
        </button>
      </form>
      <p className="form-switch">
        {t("auth.login.noAccount")}{" "}
        <Link to={`/register?next=${encodeURIComponent(next)}`} data-testid="to-register">
          {t("auth.login.toRegister")}
        </Link>
      </p>
    </main>
  );
}
