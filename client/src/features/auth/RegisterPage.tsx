// Create an account (email, display name, password, sector, organisation), then continue to ?next=.
import { type RegisterInput, limits, registerInputSchema, sectors } from "@mufakat/shared";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { register } from "../../api/endpoints.ts";
import { useSession } from "../../api/useSession.ts";
import { checkedLength } from "../../components/CharacterCounter.tsx";
import { ErrorMessage } from "../../components/ErrorMessage.tsx";
import { FormField } from "../../components/FormField.tsx";
import { useApiForm } from "../../forms/useApiForm.ts";
import { useT } from "../../i18n/I18nProvider.tsx";
import { InvitePendingNote } from "./InvitePendingNote.tsx";
import { safeReturnPath } from "./returnPath.ts";
import { useDocumentTitle } from "../../components/useDocumentTitle.ts";

/** The sector starts unchosen: the select shows its prompt until the user picks one. */
const emptyForm = { email: "", displayName: "", password: "", sector: "", organisation: "" };
type RegisterFields = typeof emptyForm;

export function RegisterPage() {
  const t = useT();
  useDocumentTitle(t("auth.register.title"));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get("next"));
  const { form, onSubmit, submitting, serverError, error } = useApiForm<RegisterFields, RegisterInput>({
    schema: registerInputSchema,
    defaultValues: emptyForm,
    toInput: (fields) => fields,
    send: async (input) => {
      await register(input);
      await navigate(next, { replace: true });
    },
  });

  const [displayName, organisation] = form.watch(["displayName", "organisation"]);

  if (session.state === "signed-in" && !submitting) return <Navigate to={next} replace />;

  return (
    <main className="page page-narrow">
      <h1>{t("auth.register.title")}</h1>
      <InvitePendingNote next={next} />
      <form noValidate data-testid="register-form" onSubmit={onSubmit}>
        <ErrorMessage error={error} testId="register-error" />
        <FormField
          name="email"
          label={t("field.email")}
          error={serverError}
          fieldError={form.formState.errors.email}
          testId="register-email"
        >
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              maxLength={limits.emailChars}
              data-testid="register-email"
              {...form.register("email")}
            />
          )}
        </FormField>
        <FormField
          name="displayName"
          label={t("field.displayName")}
          error={serverError}
          fieldError={form.formState.errors.displayName}
          limit={{ max: limits.displayNameChars, length: checkedLength(displayName) }}
          testId="register-display-name"
        >
          {(control) => (
            <input
              {...control}
              autoComplete="name"
              data-testid="register-display-name"
              {...form.register("displayName")}
            />
          )}
        </FormField>
        <FormField
          name="password"
          label={t("field.password")}
          hint={t("field.passwordHint", { n: limits.passwordMinChars })}
          error={serverError}
          fieldError={form.formState.errors.password}
          testId="register-password"
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              maxLength={limits.passwordMaxChars}
              data-testid="register-password"
              {...form.register("password")}
            />
          )}
        </FormField>
        <FormField
          name="sector"
          label={t("field.sector")}
          hint={t("field.sectorHint")}
          error={serverError}
          fieldError={form.formState.errors.sector}
          testId="register-sector"
        >
          {(control) => (
            <select {...control} data-testid="register-sector" {...form.register("sector")}>
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
        <FormField
          name="organisation"
          label={t("field.organisation")}
          error={serverError}
          fieldError={form.formState.errors.organisation}
          limit={{ max: limits.organisationChars, length: checkedLength(organisation) }}
          testId="register-organisation"
        >
          {(control) => (
            <input
              {...control}
              autoComplete="organization"
              data-testid="register-organisation"
              {...form.register("organisation")}
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
