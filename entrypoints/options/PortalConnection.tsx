import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ConnectionForm, type ConnectionFormValues } from '@/components/ConnectionForm';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import type { ConnectionView, TestConnectionResult } from '@/utils/portal/protocol';
import { checkPortalUrl, requiredOrigins } from '@/utils/portal/settings';
import type { EffectiveSettings } from '@/utils/settings/merge';

/** Wiring of the options page's portal connection: permission, save, test. */
export function PortalConnection({ settings }: { settings?: EffectiveSettings }) {
  const [connection, setConnection] = useState<ConnectionView>();
  const [busy, setBusy] = useState<'saving' | 'testing'>();
  const [notice, setNotice] = useState<string>();
  const [result, setResult] = useState<TestConnectionResult>();
  const [error, setError] = useState<ErrorInfo>();

  // The options page mounts this anew when the policy's portal changes (its `key`).
  useEffect(() => {
    sendMessage('getConnection', {}).then(setConnection, (cause: unknown) =>
      setError(AppError.from(cause).info),
    );
  }, []);

  /**
   * Must run synchronously inside the click: `permissions.request` needs a user gesture
   * (https://developer.chrome.com/docs/extensions/reference/api/permissions#method-request).
   */
  const save = (values: ConnectionFormValues): Promise<ConnectionView | undefined> => {
    const url = checkPortalUrl(values.portalUrl);
    if (!url.ok) return Promise.resolve(undefined);
    const origins = requiredOrigins({
      portalUrl: url.siteUrl,
      authMethod: values.authMethod,
      tokenKind: values.tokenKind,
    });
    const granted = browser.permissions.request({ origins });
    setBusy('saving');
    setNotice(undefined);
    setResult(undefined);
    setError(undefined);
    return granted
      .then(async (ok) => {
        if (!ok) {
          throw new AppError({
            code: 'permission-denied',
            message: t('connection_needsAccess', url.siteUrl),
            messageKey: 'connection_needsAccess',
            values: [url.siteUrl],
          });
        }
        const saved = await sendMessage('saveConnection', {
          portalUrl: url.siteUrl,
          authMethod: values.authMethod,
          email: values.authMethod === 'api-token' ? values.email : undefined,
          apiToken:
            values.authMethod === 'api-token' && values.apiToken ? values.apiToken : undefined,
          tokenKind: values.tokenKind,
          vendorProfileId: values.vendorProfileId,
        });
        setConnection(saved);
        setNotice(t('connection_saved'));
        return saved;
      })
      .catch((cause: unknown) => {
        setError(AppError.from(cause).info);
        return undefined;
      })
      .finally(() => setBusy(undefined));
  };

  const test = (values: ConnectionFormValues, dirty: boolean) => {
    const saving = dirty ? save(values) : Promise.resolve(connection);
    void saving.then(async (saved) => {
      if (!saved) return;
      setBusy('testing');
      setResult(undefined);
      setError(undefined);
      try {
        setResult(await sendMessage('testConnection', {}));
      } catch (cause) {
        setError(AppError.from(cause).info);
      } finally {
        setBusy(undefined);
      }
    });
  };

  return (
    <ConnectionForm
      connection={connection}
      profiles={settings ? [settings.profile] : []}
      locked={{ portalUrl: settings?.locked.portalUrl, authMethod: settings?.locked.authMethod }}
      busy={busy}
      notice={notice}
      result={result}
      error={error}
      onSave={(values) => void save(values)}
      onTest={test}
    />
  );
}
