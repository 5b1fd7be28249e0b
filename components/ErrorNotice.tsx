import type { ErrorInfo } from '@/utils/errors';
import { type MessageKey, t } from '@/utils/i18n';

/** The error in the user's words: its message key from public/_locales when it has one. */
function errorText(error: ErrorInfo): string {
  return error.messageKey ? t(error.messageKey as MessageKey, error.values ?? []) : error.message;
}

export function ErrorNotice({ error }: { error: ErrorInfo }) {
  return (
    <p role="alert" class="notice notice-error" data-code={error.code}>
      {errorText(error)}
    </p>
  );
}
