import {
  escalationLinks,
  profileSeverities,
  type VendorProfile,
} from '@/utils/portal/vendor-profiles';
import type { FieldProblem } from '@/utils/profile/import';
import type { ProfileSource } from '@/utils/profile/merge';
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

const SOURCE_TEXT: Record<ProfileSource, string> = {
  policy: 'set by your organisation',
  imported: 'imported',
  'built-in': 'built in',
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
      <h2 id="profile-heading">Vendor profile</h2>
      <p>
        <label for="profile-select">Active profile</label>
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
        {active.vendorName} ({SOURCE_TEXT[source]}), portal {active.portalUrl}
      </p>
      <details>
        <summary>Severity definitions and escalation</summary>
        <dl aria-label="Severity definitions">
          {profileSeverities(active).map((level) => (
            <div key={level.level}>
              <dt>
                {level.level} {level.name}
              </dt>
              <dd>{level.definition}</dd>
            </div>
          ))}
        </dl>
        {channels.length === 0 ? (
          <p>No premium escalation channels in this profile.</p>
        ) : (
          <ul aria-label="Escalation channels">
            {channels.map((channel) => (
              <li key={channel.href}>
                {channel.kind === 'chat' ? 'Chat: ' : 'Phone: '}
                {channel.label}
              </li>
            ))}
          </ul>
        )}
      </details>
      <p>
        <label for="profile-import">Import profile</label>{' '}
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
          Export profile
        </button>
      </p>
      {notice && <p role="status">{notice}</p>}
      {problems && problems.length > 0 && (
        <div role="alert" id="profile-problems" class="notice notice-error">
          <p>The profile was not imported; nothing was changed. Fix these fields in the file:</p>
          <ul aria-label="Problems in the profile file">
            {problems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                {problem.path ? <code>{problem.path}</code> : 'The file'}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
