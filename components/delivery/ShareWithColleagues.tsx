import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface Colleague {
  accountId: string;
  displayName: string;
}

export interface ShareOutcomeView {
  added: string[];
  rejected: string[];
  notPermitted: boolean;
}

interface ShareWithColleaguesProps {
  issueKey: string;
  webUrl: string | null;
  /** Saved colleagues to choose from. */
  colleagues: readonly Colleague[];
  /** `canAddRequestParticipants` of the request type; false: the portal does not allow it. */
  canAddParticipants: boolean | undefined;
  /** People found by the last search (what the portal allows), or null before any search. */
  searchResults: readonly Colleague[] | null;
  /** Why search finds nobody, e.g. the account may not browse users (shown when set). */
  searchLimitNote?: string;
  onSearch(query: string): void;
  onShare(accountIds: string[]): void;
  outcome?: ShareOutcomeView;
  busy?: boolean;
}

function mailto(issueKey: string, webUrl: string): string {
  const subject = encodeURIComponent(t('share_mailSubject', issueKey));
  const body = encodeURIComponent(t('share_mailBody', [issueKey, webUrl]));
  return `mailto:?subject=${subject}&body=${body}`;
}

/** "Share with colleagues": pick saved colleagues or search people, then add them as participants. */
export function ShareWithColleagues(props: ShareWithColleaguesProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const notPermitted = props.canAddParticipants === false || props.outcome?.notPermitted === true;
  const people = [
    ...props.colleagues,
    ...(props.searchResults ?? []).filter(
      (person) => !props.colleagues.some((c) => c.accountId === person.accountId),
    ),
  ];
  const nameOf = (id: string) => people.find((p) => p.accountId === id)?.displayName ?? id;
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((c) => c !== id)));

  if (notPermitted) {
    return (
      <section aria-label={t('share_heading')}>
        <p role="alert">{t('share_notPermitted')}</p>
        {props.webUrl && <a href={mailto(props.issueKey, props.webUrl)}>{t('share_mailLink')}</a>}
      </section>
    );
  }
  return (
    <section aria-label={t('share_heading')}>
      <h2>{t('share_heading')}</h2>
      <form
        aria-label={t('share_findForm')}
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) props.onSearch(query.trim());
        }}
      >
        <label>
          {t('share_find')}{' '}
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit">{t('share_search')}</button>
      </form>
      {props.searchLimitNote && <p class="notice">{props.searchLimitNote}</p>}
      {people.length > 0 ? (
        <fieldset>
          <legend>{t('share_people')}</legend>
          {people.map((person) => (
            <label key={person.accountId}>
              <input
                type="checkbox"
                checked={chosen.includes(person.accountId)}
                onChange={(e) => toggle(person.accountId, e.currentTarget.checked)}
              />{' '}
              {person.displayName}
            </label>
          ))}
        </fieldset>
      ) : (
        <p>{t('share_noColleagues')}</p>
      )}
      <button
        type="button"
        disabled={chosen.length === 0 || props.busy}
        onClick={() => props.onShare(chosen)}
      >
        {t('share_addTo', props.issueKey)}
      </button>
      <p role="status">
        {props.outcome &&
          props.outcome.added.length > 0 &&
          t('share_added', props.outcome.added.map(nameOf).join(', '))}
        {props.outcome &&
          props.outcome.rejected.length > 0 &&
          ` ${t('share_unknown', props.outcome.rejected.map(nameOf).join(', '))}`}
      </p>
    </section>
  );
}
