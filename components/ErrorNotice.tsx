import type { ErrorInfo } from '@/utils/errors';
import { errorText } from '@/utils/i18n';

export function ErrorNotice({ error }: { error: ErrorInfo }) {
  return (
    <p role="alert" class="notice notice-error" data-code={error.code}>
      {errorText(error)}
    </p>
  );
}
