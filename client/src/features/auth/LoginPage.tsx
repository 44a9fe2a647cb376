// Log in with email and password, then continue where the user was going (?next=).
import { type LoginInput, loginInputSchema } from "@mufakat/shared";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { login } from "../../api/endpoints.ts";
import { useSession } from "../../api/useSession.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { InvitePendingNote } from "./InvitePendingNote.tsx";
import { safeReturnPath } from "./returnPath.ts";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

export function LoginPage() {
  const t = useT();
  useDocumentTitle(t("auth.login.submit"));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get("next"));
  const { form, onSubmit, submitting, serverError, error } = useApiForm<LoginInput, LoginInput>({
    schema: loginInputSchema,
    defaultValues: { email: "", password: "" },
    toInput: (fields) => fields,
    send: async (input) => {
      await login(input);
      await navigate(next, { replace: true });
    },
  });

  if (session.state === "signed-in" && !submitting) return <Navigate to={next} replace />;

  return (
    <main className="page page-narrow">
      <h1>{t("auth.login.title")}</h1>
      <InvitePendingNote next={next} />
      <form noValidate data-testid="login-form" onSubmit={onSubmit}>
        <ErrorMessage error={error} testId="login-error" />
        <FormField
          name="email"
          label={t("field.email")}
          error={serverError}
          fieldError={form.formState.errors.email}
          testId="login-email"
        >
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              data-testid="login-email"
              {...form.register("email")}
            />
          )}
        </FormField>
        <FormField
          name="password"
          label={t("field.password")}
          error={serverError}
          fieldError={form.formState.errors.password}
          testId="login-password"
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              data-testid="login-password"
              {...form.register("password")}
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
