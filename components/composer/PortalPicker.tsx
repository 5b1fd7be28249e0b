import { useId } from 'preact/hooks';
import { ErrorNotice } from '@/components/ErrorNotice';
import type { ErrorInfo } from '@/utils/errors';
import { interleave, t } from '@/utils/i18n';

interface Option {
  id: string;
  name: string;
}

export type PortalState = 'loading' | 'not-connected' | 'ready' | 'error';

interface Props {
  state: PortalState;
  /** e.g. the portal's host, shown once connected. */
  portalName?: string;
  desks: readonly Option[];
  requestTypes: readonly Option[];
  serviceDeskId?: string;
  requestTypeId?: string;
  /** The organisation's policy sets the service desk and request type: shown, not changeable. */
  locked?: boolean;
  /** Loading the chosen request type's form. */
  loadingFields?: boolean;
  error?: ErrorInfo;
  /** The extension's options page, where the portal connection is set up. */
  optionsUrl: string;
  onServiceDesk: (id: string) => void;
  onRequestType: (id: string) => void;
}

/** Where the request goes: the portal's service desk and request type, or why nowhere yet. */
export function PortalPicker(props: Props) {
  const id = useId();
  if (props.state === 'not-connected') {
    return (
      <section class="composer-portal" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('portal_heading')}</h2>
        <p>
          {interleave('portal_notConnected', [
            <a key="options" href={props.optionsUrl} target="_blank" rel="noreferrer">
              {t('portal_connectLink')}
            </a>,
          ])}
        </p>
      </section>
    );
  }
  return (
    <section
      class="composer-portal"
      aria-labelledby={`${id}-title`}
      aria-busy={props.state === 'loading'}
    >
      <h2 id={`${id}-title`}>
        {props.portalName ? t('portal_headingNamed', props.portalName) : t('portal_heading')}
      </h2>
      {props.error && <ErrorNotice error={props.error} />}
      {props.state === 'loading' && <p class="notice">{t('portal_loadingTypes')}</p>}
      {props.desks.length > 0 && (
        <div class="composer-field">
          <label for={`${id}-desk`}>{t('portal_serviceDesk')}</label>
          <select
            id={`${id}-desk`}
            disabled={props.locked}
            aria-describedby={props.locked ? `${id}-locked` : undefined}
            value={props.serviceDeskId ?? ''}
            onChange={(e) => props.onServiceDesk(e.currentTarget.value)}
          >
            {props.desks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.requestTypes.length > 0 && (
        <div class="composer-field">
          <label for={`${id}-type`}>{t('portal_requestType')}</label>
          <select
            id={`${id}-type`}
            disabled={props.locked}
            aria-describedby={props.locked ? `${id}-locked` : undefined}
            value={props.requestTypeId ?? ''}
            onChange={(e) => props.onRequestType(e.currentTarget.value)}
          >
            {props.requestTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.locked && (
        <p id={`${id}-locked`} class="notice">
          {t('managed_note')}
        </p>
      )}
      {props.loadingFields && <p class="notice">{t('portal_loadingForm')}</p>}
    </section>
  );
}
