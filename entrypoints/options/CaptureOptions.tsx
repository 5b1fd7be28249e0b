import { useEffect, useState } from 'preact/hooks';
import { CaptureSettingsForm } from '@/components/CaptureSettingsForm';
import { EnvironmentRulesEditor } from '@/components/EnvironmentRulesEditor';
import { ErrorNotice } from '@/components/ErrorNotice';
import { VENDOR_DEFAULT_RULES } from '@/utils/capture/environment';
import { captureSettingsItem, environmentRulesItem } from '@/utils/capture/items';
import type { CaptureSettings, EnvironmentRule } from '@/utils/capture/settings';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { type MessageKey, t } from '@/utils/i18n';
import type { EffectiveSettings } from '@/utils/settings/merge';

const CAPTURE_SETTINGS = {
  saved: 'options_captureSettingsSaved',
  failed: 'options_captureSettingsNotSaved',
} as const;
const ENVIRONMENT_RULES = { saved: 'options_rulesSaved', failed: 'options_rulesNotSaved' } as const;

/** Wiring of the capture settings and environment rules sections. */
export function CaptureOptions({ settings: effective }: { settings?: EffectiveSettings }) {
  const [settings, setSettings] = useState<CaptureSettings>();
  const [rules, setRules] = useState<EnvironmentRule[]>();
  const [error, setError] = useState<ErrorInfo>();
  const [saved, setSaved] = useState('');

  useEffect(() => {
    void captureSettingsItem.get().then(setSettings);
    void environmentRulesItem.get().then(setRules);
  }, []);

  const save = async (
    done: { saved: MessageKey; failed: MessageKey },
    run: () => Promise<void>,
  ) => {
    try {
      await run();
      setError(undefined);
      setSaved(t(done.saved));
    } catch (cause) {
      setError(
        new AppError(
          { code: 'storage', message: t(done.failed), messageKey: done.failed },
          { cause },
        ).info,
      );
    }
  };

  return (
    <>
      {error && <ErrorNotice error={error} />}
      {saved && <p role="status">{saved}</p>}
      {settings && (
        <CaptureSettingsForm
          settings={settings}
          onSave={(next) => save(CAPTURE_SETTINGS, () => captureSettingsItem.set(next))}
        />
      )}
      {rules && effective && (
        <EnvironmentRulesEditor
          rules={rules}
          policyRules={effective.environmentRules.policy}
          vendorRules={[...effective.environmentRules.vendor, ...VENDOR_DEFAULT_RULES]}
          locked={effective.locked.environmentRules}
          onSave={(next) => save(ENVIRONMENT_RULES, () => environmentRulesItem.set(next))}
        />
      )}
    </>
  );
}
