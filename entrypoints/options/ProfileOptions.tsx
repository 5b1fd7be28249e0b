import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { VendorProfileSection } from '@/components/VendorProfileSection';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { type MessageKey, say, t } from '@/utils/i18n';
import { type FieldProblem, profileFileName, profileToJson } from '@/utils/profile/import';
import type { VendorProfile } from '@/utils/profile/vendor-profiles';
import { importProfile, listProfiles, setActiveProfile } from '@/utils/settings/effective';
import type { EffectiveSettings } from '@/utils/settings/merge';

/** Offers a text as a file download (no `downloads` permission needed for a blob link). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Wiring of the vendor profile section and the organisation policy's problems. */
export function ProfileOptions({ settings }: { settings: EffectiveSettings }) {
  const [profiles, setProfiles] = useState<VendorProfile[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<ErrorInfo>();

  useEffect(() => {
    void listProfiles().then(setProfiles);
  }, [settings]);

  const run = async (action: () => Promise<string>) => {
    setProblems(undefined);
    setNotice(undefined);
    setError(undefined);
    try {
      setNotice(await action());
    } catch (cause) {
      const info = AppError.from(cause).info;
      if (info.code === 'validation' && info.fields) {
        setProblems(
          Object.entries(info.fields).map(([path, message]) => {
            const words = info.fieldWords?.[path];
            return {
              path: path === '(file)' ? '' : path,
              message,
              ...(words ? { words: { key: words.key as MessageKey, values: words.values } } : {}),
            };
          }),
        );
      } else {
        setError(info);
      }
    }
  };

  return (
    <>
      {settings.policyProblems.length > 0 && (
        <div role="alert" class="notice notice-error">
          <p>{t('profile_policyProblems')}</p>
          <ul aria-label={t('profile_policyProblemsLabel')}>
            {settings.policyProblems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path}</code>: {p.words ? say(p.words) : p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <ErrorNotice error={error} />}
      <VendorProfileSection
        profiles={profiles}
        active={settings.profile}
        source={settings.profileSource}
        locked={settings.locked.profile}
        problems={problems}
        notice={notice}
        onSelect={(id) =>
          void run(async () => {
            await setActiveProfile(id);
            return t('profile_changed');
          })
        }
        onImport={(text) =>
          void run(async () => {
            const profile = await importProfile(text);
            return t('profile_imported', profile.vendorName);
          })
        }
        onExport={() =>
          download(profileFileName(settings.profile), profileToJson(settings.profile))
        }
      />
    </>
  );
}
