import { useEffect, useState } from 'preact/hooks';
import { AllowedOriginsList } from '@/components/AllowedOriginsList';
import { ErrorNotice } from '@/components/ErrorNotice';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { sendMessage } from '@/utils/messaging';
import { allowedOriginsItem } from '@/utils/storage';

/** Wiring of the options page. */
export function OptionsApp() {
  const [origins, setOrigins] = useState<string[]>([]);
  const [error, setError] = useState<ErrorInfo>();

  useEffect(() => {
    void allowedOriginsItem.get().then(setOrigins);
    return allowedOriginsItem.watch(setOrigins);
  }, []);

  const remove = async (origin: string) => {
    try {
      setOrigins((await sendMessage('removeOrigin', { origin })).origins);
    } catch (cause) {
      setError(AppError.from(cause).info);
    }
  };

  return (
    <main class="options">
      <h1>Support Capture options</h1>
      {error && <ErrorNotice error={error} />}
      <AllowedOriginsList origins={origins} onRemove={remove} />
    </main>
  );
}
