import { useEffect, useState } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import { ManagedNote } from '@/components/ManagedNote';
import type { ErrorInfo } from '@/utils/errors';
import { interleave, t } from '@/utils/i18n';
import type { ConnectionView, TestConnectionResult } from '@/utils/portal/protocol';
import { type AuthMethod, checkPortalUrl } from '@/utils/portal/settings';
import { loginUrlFor, signUpUrlFor, type VendorProfile } from '@/utils/profile/vendor-profiles';

export interface ConnectionFormValues {
  portalUrl: string;
  authMethod: AuthMethod;
  email: string;
  /** Empty keeps the saved token. */
  apiToken: string;
  tokenKind: 'classic' | 'scoped';
  vendorProfileId?: string;
}

interface Props {
  /** The saved connection (never carries the token, only a hint). */
  connection: ConnectionView | undefined;
  profiles: readonly VendorProfile[];
  busy?: 'saving' | 'testing';
  /** "Saved." after a save. */
  notice?: string;
  result?: TestConnectionResult;
  error?: ErrorInfo;
  /** Called synchronously from the click, so the page can ask for the host permission. */
  onSave: (values: ConnectionFormValues) => void;
  /** `dirty`: the form differs from what is saved, so it must be saved first. */
  onTest: (values: ConnectionFormValues, dirty: boolean) => void;
  /** Values the organisation's policy sets: shown, not editable. */
  locked?: { portalUrl?: boolean; authMethod?: boolean };
}

const API_TOKENS_PAGE = 'https://id.atlassian.com/manage-profile/security/api-tokens';

function valuesFrom(connection: ConnectionView | undefined): ConnectionFormValues {
  return {
    portalUrl: connection?.portalUrl ?? '',
    authMethod: connection?.authMethod ?? 'api-token',
    email: connection?.email ?? '',
    apiToken: '',
    tokenKind: connection?.tokenKind ?? 'classic',
    vendorProfileId: connection?.vendorProfileId,
  };
}

function differs(values: ConnectionFormValues, connection: ConnectionView | undefined): boolean {
  const saved = valuesFrom(connection);
  return (
    connection?.portalUrl === undefined ||
    values.apiToken !== '' ||
    values.portalUrl.trim() !== saved.portalUrl ||
    values.authMethod !== saved.authMethod ||
    (values.authMethod === 'api-token' &&
      (values.email.trim() !== saved.email || values.tokenKind !== saved.tokenKind))
  );
}

/** Connecting to the vendor's portal: URL, sign-in method, test. */
export function ConnectionForm({
  connection,
  profiles,
  busy,
  notice,
  result,
  error,
  onSave,
  onTest,
  locked = {},
}: Props) {
  const [values, setValues] = useState<ConnectionFormValues>(() => valuesFrom(connection));
  const [urlProblem, setUrlProblem] = useState<string>();

  useEffect(() => {
    setValues(valuesFrom(connection));
  }, [connection]);

  const set = (patch: Partial<ConnectionFormValues>) => setValues((old) => ({ ...old, ...patch }));
  const checked = checkPortalUrl(values.portalUrl);
  const siteUrl = checked.ok ? checked.siteUrl : undefined;
  const profile =
    profiles.find((p) => p.id === values.vendorProfileId) ??
    profiles.find((p) => p.portalUrl === siteUrl);

  const valid = (): boolean => {
    const check = checkPortalUrl(values.portalUrl);
    setUrlProblem(check.ok ? undefined : t(check.messageKey, check.values));
    return check.ok;
  };

  const save = (event: Event) => {
    event.preventDefault();
    if (valid()) onSave(values);
  };
  const test = () => {
    if (valid()) onTest(values, differs(values, connection));
  };

  const isToken = values.authMethod === 'api-token';
  const tokenHint = connection?.authMethod === 'api-token' ? connection.tokenHint : undefined;

  return (
    <section aria-labelledby="connection-heading">
      <h2 id="connection-heading">{t('connection_heading')}</h2>
      <form onSubmit={save} noValidate>
        {!locked.portalUrl &&
          profiles.map((p) => (
            <p key={p.id}>
              <button
                type="button"
                onClick={() => {
                  set({ portalUrl: p.portalUrl, vendorProfileId: p.id });
                  setUrlProblem(undefined);
                }}
              >
                {t('connection_fillFromProfile', p.vendorName)}
              </button>
            </p>
          ))}
        <p>
          <label for="portal-url">{t('connection_portalUrl')}</label>
          <br />
          <input
            id="portal-url"
            type="url"
            inputMode="url"
            placeholder={t('connection_portalUrlExample')}
            value={values.portalUrl}
            aria-invalid={urlProblem ? true : undefined}
            aria-describedby={
              urlProblem
                ? 'portal-url-problem'
                : locked.portalUrl
                  ? 'portal-url-managed'
                  : undefined
            }
            disabled={locked.portalUrl}
            onInput={(e) => set({ portalUrl: e.currentTarget.value, vendorProfileId: undefined })}
            size={40}
            required
          />{' '}
          {locked.portalUrl && <ManagedNote id="portal-url-managed" />}
          {urlProblem && (
            <span id="portal-url-problem" class="notice notice-error">
              <br />
              {urlProblem}
            </span>
          )}
        </p>
        <p class="notice">
          {interleave('connection_signUpPrompt', [
            <a
              key="sign-up"
              href={profile?.signUpUrl ?? (siteUrl ? signUpUrlFor(siteUrl) : undefined)}
              target="_blank"
              rel="noreferrer"
            >
              {t('connection_signUp')}
            </a>,
          ])}{' '}
          {profile?.signUpGuidance ?? t('connection_signUpGuidance')}
        </p>
        <fieldset
          disabled={locked.authMethod}
          aria-describedby={locked.authMethod ? 'auth-method-managed' : undefined}
        >
          <legend>{t('connection_signInMethod')}</legend>
          {locked.authMethod && (
            <p>
              <ManagedNote id="auth-method-managed" />
            </p>
          )}
          <label>
            <input
              type="radio"
              name="auth-method"
              value="portal-session"
              checked={values.authMethod === 'portal-session'}
              onChange={() => set({ authMethod: 'portal-session' })}
            />{' '}
            {t('connection_portalSession')}
          </label>{' '}
          <label>
            <input
              type="radio"
              name="auth-method"
              value="api-token"
              checked={isToken}
              onChange={() => set({ authMethod: 'api-token' })}
            />{' '}
            {t('connection_apiToken')}
          </label>
          <p class="notice">
            {isToken ? t('connection_apiTokenHelp') : t('connection_portalSessionHelp')}{' '}
            {!isToken && siteUrl && (
              <a href={loginUrlFor(siteUrl)} target="_blank" rel="noreferrer">
                {t('common_signInToPortal')}
              </a>
            )}
          </p>
        </fieldset>
        {isToken && (
          <>
            <p>
              <label for="portal-email">{t('connection_email')}</label>
              <br />
              <input
                id="portal-email"
                type="email"
                autocomplete="username"
                value={values.email}
                onInput={(e) => set({ email: e.currentTarget.value })}
                size={40}
              />
            </p>
            <p>
              <label for="portal-token">{t('connection_apiToken')}</label>
              <br />
              {/* A text field masked by CSS would leak to autofill; password fields do not. */}
              <input
                id="portal-token"
                type="password"
                autocomplete="off"
                value={values.apiToken}
                placeholder={tokenHint ? t('connection_tokenSaved', tokenHint) : ''}
                aria-describedby="portal-token-help"
                onInput={(e) => set({ apiToken: e.currentTarget.value })}
                size={40}
              />
              <br />
              <span id="portal-token-help" class="notice">
                {tokenHint ? `${t('connection_tokenKeep', tokenHint)} ` : ''}
                <a href={API_TOKENS_PAGE} target="_blank" rel="noreferrer">
                  {t('connection_createToken')}
                </a>
              </span>
            </p>
            <p>
              <label for="portal-token-kind">{t('connection_tokenType')}</label>
              <br />
              <select
                id="portal-token-kind"
                value={values.tokenKind}
                onChange={(e) =>
                  set({ tokenKind: e.currentTarget.value === 'scoped' ? 'scoped' : 'classic' })
                }
              >
                <option value="classic">{t('connection_tokenClassic')}</option>
                <option value="scoped">{t('connection_tokenScoped')}</option>
              </select>
            </p>
          </>
        )}
        <p>
          <button type="submit" disabled={busy !== undefined}>
            {t('common_save')}
          </button>{' '}
          <button type="button" onClick={test} disabled={busy !== undefined}>
            {t('connection_test')}
          </button>
        </p>
      </form>
      <div role="status" aria-live="polite">
        {busy === 'testing' && <p>{t('connection_testing')}</p>}
        {busy === undefined && notice && !result && !error && <p>{notice}</p>}
        {result && (
          <>
            <p>{t('connection_connectedAs', result.displayName)}</p>
            <p>{t('connection_serviceDesksIntro')}</p>
            <ul aria-label={t('connection_serviceDesks')}>
              {result.serviceDesks.map((desk) => (
                <li key={desk.id}>
                  {desk.projectName}
                  {desk.projectKey ? ` (${desk.projectKey})` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {error && (
        <>
          <ErrorNotice error={error} />
          {error.code === 'auth' && values.authMethod === 'portal-session' && siteUrl && (
            <p>
              <a href={loginUrlFor(siteUrl)} target="_blank" rel="noreferrer">
                {t('common_signInToPortal')}
              </a>
            </p>
          )}
          {error.portalRequestId && (
            <p class="notice">{t('connection_portalReference', error.portalRequestId)}</p>
          )}
        </>
      )}
    </section>
  );
}
