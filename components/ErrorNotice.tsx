import type { ErrorInfo } from '@/utils/errors';

export function ErrorNotice({ error }: { error: ErrorInfo }) {
  return (
    <p role="alert" class="notice notice-error" data-code={error.code}>
      {error.message}
    </p>
  );
}
