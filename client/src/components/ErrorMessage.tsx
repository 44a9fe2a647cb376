// An API error shown in words of the chosen language, chosen by its stable error code.
import type { ApiError } from "../api/ApiError.ts";
import { useT } from "../i18n/I18nProvider.tsx";
import { errorCodeMessage } from "../i18n/translate.ts";

export function ErrorMessage({ error, testId = "error-message" }: { error: ApiError | null; testId?: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="error-banner" role="alert" data-testid={testId} data-error-code={error.code}>
      {errorCodeMessage(error.code, t)}
    </p>
  );
}
