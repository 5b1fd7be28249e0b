/** User and multi-user pickers: people found by the portal's search, as when sharing. */
import { useState } from 'preact/hooks';
import { parsePerson, personInput } from '@/utils/field-kinds/registry';
import { t } from '@/utils/i18n';
import { type FieldProps, list, type Person } from './types';

function PeoplePicker({ multiple, ...props }: FieldProps & { multiple: boolean }) {
  const { field, value, onChange, id, aria, label, searchPeople } = props;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const chosen = list(value).map(parsePerson);
  const search = async () => {
    if (!searchPeople || !query.trim()) return;
    setFound(await searchPeople(query.trim()).catch(() => []));
  };
  const choose = (person: Person) => {
    const entry = personInput(person.accountId, person.displayName);
    const next = multiple
      ? [...list(value).filter((p) => parsePerson(p).accountId !== person.accountId), entry]
      : [entry];
    onChange(next);
    setFound(null);
    setQuery('');
  };
  const remove = (accountId: string) => {
    const next = list(value).filter((p) => parsePerson(p).accountId !== accountId);
    onChange(next.length ? next : undefined);
  };
  return (
    <>
      <label for={id}>{label}</label>
      {chosen.length > 0 && (
        <ul aria-label={t('field_peopleChosen', field.name)}>
          {chosen.map((p) => (
            <li key={p.accountId}>
              {p.displayName}{' '}
              <button
                type="button"
                aria-label={t('field_peopleRemove', p.displayName)}
                onClick={() => remove(p.accountId)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        type="search"
        id={id}
        {...aria}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void search();
          }
        }}
      />
      <button type="button" onClick={() => void search()} disabled={!searchPeople}>
        {t('field_peopleSearch')}
      </button>
      {found && (
        <ul aria-label={t('field_peopleFound', field.name)}>
          {found.length === 0 && <li>{t('field_peopleNone')}</li>}
          {found.map((p) => (
            <li key={p.accountId}>
              <button type="button" onClick={() => choose(p)}>
                {p.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function UserField(props: FieldProps) {
  return <PeoplePicker {...props} multiple={false} />;
}

export function MultiUserField(props: FieldProps) {
  return <PeoplePicker {...props} multiple />;
}
