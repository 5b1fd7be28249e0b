import { type MessageKey, say, t } from '@/utils/i18n';
import type { FieldProblem } from '@/utils/profile/import';
import { escalationLinks, type VendorProfile } from '@/utils/profile/vendor-profiles';
import type { ProfileSource } from '@/utils/settings/merge';
import { severityDefinitions } from '@/utils/severity/wording';
import { ManagedNote } from './ManagedNote';

interface Props {
  /** Profiles the user may choose (built-in and imported). */
  profiles: readonly VendorProfile[];
  active: VendorProfile;
  source: ProfileSource;
  /** Set by the organisation: choosing and importing are off. */
  locked: boolean;
  /** What was wrong with the last imported file, per field. */
  problems?: readonly FieldProblem[];
  /** "Imported Acme Cloud." */
  notice?: string;
  onSelect: (id: string) => void;
  /** The chosen file's text. */
  onImport: (text: string) => void;
  onExport: () => void;
}

const SOURCE_TEXT: Record<ProfileSource, MessageKey> = {
  policy: 'profile_sourcePolicy',
  imported: 'profile_sourceImported',
  'built-in': 'profile_sourceBuiltIn',
};

/** The vendor profile in use, its guide at a glance, and import/export as a JSON file. */
export function VendorProfileSection({
  profiles,
  active,
  source,
  locked,
  problems,
  notice,
  onSelect,
  onImport,
  onExport,
}: Props) {
  const channels = escalationLinks(active.escalationChannels);
  const lockedNote = locked ? 'profile-managed-note' : undefined;
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{t('profile_heading')}</h2>
      <p>
        <label for="profile-select">{t('profile_active')}</label>
        <br />
        <select
          id="profile-select"
          value={active.id}
          disabled={locked}
          aria-describedby={lockedNote}
          onChange={(event) => onSelect(event.currentTarget.value)}
        >
          {(locked ? [active] : profiles).map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.vendorName}
            </option>
          ))}
        </select>{' '}
        {locked && <ManagedNote id="profile-managed-note" />}
      </p>
      <p class="notice">
        {t('profile_summary', [active.vendorName, t(SOURCE_TEXT[source]), active.portalUrl])}
      </p>
      <details>
        <summary>{t('profile_severities')}</summary>
        <dl aria-label={t('profile_severityList')}>
          {severityDefinitions(active.severities).map((level) => (
            <div key={level.level}>
              <dt>
                {level.level} {level.name}
              </dt>
              <dd>{level.definition}</dd>
            </div>
          ))}
        </dl>
        {channels.length === 0 ? (
          <p>{t('profile_noChannels')}</p>
        ) : (
          <ul aria-label={t('profile_channels')}>
            {channels.map((channel) => (
              <li key={channel.href}>
                {channel.kind === 'chat'
                  ? t('escalation_chat', channel.label)
                  : t('escalation_phone', channel.label)}
              </li>
            ))}
          </ul>
        )}
      </details>
      <p>
        <label for="profile-import">{t('profile_import')}</label>{' '}
        <input
          id="profile-import"
          type="file"
          accept="application/json,.json"
          disabled={locked}
          aria-describedby={problems?.length ? 'profile-problems' : lockedNote}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file) void file.text().then(onImport);
            // The same file can be chosen again after it was fixed.
            input.value = '';
          }}
        />{' '}
        <button type="button" onClick={onExport}>
          {t('profile_export')}
        </button>
      </p>
      {notice && <p role="status">{notice}</p>}
      {problems && problems.length > 0 && (
        <div role="alert" id="profile-problems" class="notice notice-error">
          <p>{t('profile_notImported')}</p>
          <ul aria-label={t('profile_problems')}>
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                {problem.path ? <code>{problem.path}</code> : t('profile_theFile')}:{' '}
                {problem.words ? say(problem.words) : problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
