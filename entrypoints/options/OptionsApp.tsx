import { useEffect, useState } from 'preact/hooks';
import { AllowedOriginsList } from '@/components/AllowedOriginsList';
import { ErrorNotice } from '@/components/ErrorNotice';
import { StepRecordingSettings } from '@/components/StepRecordingSettings';
import { setStepRecording } from '@/utils/capture/step-recording';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { sendMessage } from '@/utils/messaging';
import { allowedOriginsItem, stepRecordingOffItem } from '@/utils/storage';
import { CaptureOptions } from './CaptureOptions';
import { PortalConnection } from './PortalConnection';

/** Wiring of the options page. */
export function OptionsApp() {
  const [origins, setOrigins] = useState<string[]>([]);
  const [error, setError] = useState<ErrorInfo>();

  useEffect(() => {
    void allowedOriginsItem.get().then(setOrigins);
    return allowedOriginsItem.watch(setOrigins);
  }, []);

  const [stepsOff, setStepsOff] = useState<string[]>([]);
  useEffect(() => {
    void stepRecordingOffItem.get().then(setStepsOff);
    return stepRecordingOffItem.watch(setStepsOff);
  }, []);
  const setRecording = async (origin: string, record: boolean) => {
    try {
      setStepsOff(await setStepRecording(origin, record));
    } catch (cause) {
      setError(AppError.from(cause).info);
    }
  };

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
      <PortalConnection />
      <AllowedOriginsList origins={origins} onRemove={remove} />
      <CaptureOptions />
      <StepRecordingSettings
        allowedOrigins={origins}
        offOrigins={stepsOff}
        onChange={setRecording}
      />
    </main>
  );
}
