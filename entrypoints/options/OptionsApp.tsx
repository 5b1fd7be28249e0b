import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AllowedOriginsList } from '@/components/AllowedOriginsList';
import { ErrorNotice } from '@/components/ErrorNotice';
import { useEffectiveSettings } from '@/components/hooks/use-effective-settings';
import { StepRecordingSettings } from '@/components/StepRecordingSettings';
import { Icon } from '@/components/ui/Icon';
import { allowedOriginsItem, stepRecordingOffItem } from '@/utils/capture/items';
import { setStepRecording } from '@/utils/capture/step-recording-setting';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import { captureOrigins } from '@/utils/settings/effective';
import { CaptureOptions } from './CaptureOptions';
import { PortalConnection } from './PortalConnection';
import { ProfileOptions } from './ProfileOptions';

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

  // The organisation's policy and the active vendor profile, merged with the user's settings.
  const effective = useEffectiveSettings();
  const [missing, setMissing] = useState<string[]>([]);
  useEffect(() => {
    if (effective) void captureOrigins(effective).then((found) => setMissing(found.missing));
  }, [effective]);
  const policyOrigins = (effective?.allowedOrigins ?? [])
    .filter((item) => item.source === 'policy')
    .map(({ origin }) => ({ origin, granted: !missing.includes(origin) }));
  /** `permissions.request` must run inside the click, before any await. */
  const grant = (origin: string) => {
    const url = new URL(origin);
    void browser.permissions
      .request({ origins: [`${url.protocol}//${url.hostname}/*`] })
      .then(async (ok) => {
        if (!ok) return;
        await sendMessage('allowOrigin', { origin });
        setMissing((old) => old.filter((item) => item !== origin));
      })
      .catch((cause: unknown) => setError(AppError.from(cause).info));
  };

  return (
    <main class="options">
      <header class="options-header">
        <Icon name="logo" />
        <h1>{t('options_heading')}</h1>
      </header>
      {error && <ErrorNotice error={error} />}
      {effective && <ProfileOptions settings={effective} />}
      <PortalConnection
        key={`${effective?.portal.portalUrl}|${effective?.portal.authMethod}`}
        settings={effective}
      />
      <AllowedOriginsList
        origins={effective?.locked.allowedOrigins ? [] : origins}
        onRemove={remove}
        policyOrigins={policyOrigins}
        onGrant={grant}
        locked={effective?.locked.allowedOrigins}
      />
      <CaptureOptions settings={effective} />
      <StepRecordingSettings
        allowedOrigins={origins}
        offOrigins={stepsOff}
        onChange={setRecording}
      />
    </main>
  );
}
