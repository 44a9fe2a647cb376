// Create an account (email, display name, password, sector, organisation), then continue to ?next=.
import { useMutation } from "@tanstack/react-query";
import { limits, registerInputSchema, sectors } from "@mufakat/shared";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { register } from "../../api/endpoints.ts";
import { useSession } from "../../api/useSession.ts";
import { validateInput } from "../../api/validateInput.ts";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { apiErrorOf } from "../../api/queryClient.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { InvitePendingNote } from "./InvitePendingNote.tsx";
import { safeReturnPath } from "./returnPath.ts";

const emptyForm = { email: "", displayName: "", password: "", sector: "", organisation: "" };

export function RegisterPage() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get("next"));
  const [form, setForm] = useState(emptyForm);
  const {
    mutate: submit,
    isPending: submitting,
    error: failure,
  } = useMutation({
    mutationFn: async () => {
      await register(validateInput(registerInputSchema, form));
      await navigate(next, { replace: true });
    },
  });
  const error = apiErrorOf(failure);

  if (session.state === "signed-in" && !submitting) return <Navigate to={next} replace />;

  const update = (field: keyof typeof emptyForm) => (event: { target: { value: string } }) =>
    setForm({ ...form, [field]: event.target.value });

  return (
    <main className="page page-narrow">
      <h1>{t("auth.register.title")}</h1>
      <InvitePendingNote next={next} />
      <form
        noValidate
        data-testid="register-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorMessage error={error} testId="register-error" />
        <FormField name="email" label={t("field.email")} error={error} testId="register-email">
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              maxLength={limits.emailChars}
              value={form.email}
              data-testid="register-email"
              onChange={update("email")}
            />
          )}
        </FormField>
        <FormField name="displayName" label={t("field.displayName")} error={error} testId="register-display-name">
          {(control) => (
            <input
              {...control}
              autoComplete="name"
              maxLength={limits.displayNameChars}
              value={form.displayName}
              data-testid="register-display-name"
              onChange={update("displayName")}
            />
          )}
        </FormField>
        <FormField
          name="password"
          label={t("field.password")}
          hint={t("field.passwordHint", { n: limits.passwordMinChars })}
          error={error}
          testId="register-password"
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              maxLength={limits.passwordMaxChars}
              value={form.password}
              data-testid="register-password"
              onChange={update("password")}
            />
          )}
        </FormField>
        <FormField
          name="sector"
          label={t("field.sector")}
          hint={t("field.sectorHint")}
          error={error}
          testId="register-sector"
        >
          {(control) => (
            <select {...control} value={form.sector} data-testid="register-sector" onChange={update("sector")}>
              <option value="" disabled>
                {t("auth.register.chooseSector")}
              </option>
              {sectors.map((sector) => (
                <option key={sector} value={sector}>
                  {t(`sector.${sector}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="organisation" label={t("field.organisation")} error={error} testId="register-organisation">
          {(control) => (
            <input
              {...control}
              autoComplete="organization"
              maxLength={limits.organisationChars}
              value={form.organisation}
              data-testid="register-organisation"
              onChange={update("organisation")}
            />
          )}
        </FormField>
        <button type="submit" className="button-primary" disabled={submitting} data-testid="register-submit">
          {t("auth.register.submit")}
        </button>
      </form>
      <p className="form-switch">
        {t("auth.register.haveAccount")}{" "}
        <Link to={`/login?next=${encodeURIComponent(next)}`} data-testid="to-login">
          {t("auth.register.toLogin")}
        </Link>
      </p>
    </main>
  );
}
