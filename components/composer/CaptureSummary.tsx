import type { Capture } from '@/utils/capture/capture';
import { plural, t } from '@/utils/i18n';
import type { TicketContext } from '@/utils/ticket/draft';
import { PageFactsList } from '../PageFactsList';
import { ruleMatchText } from '../rule-match-text';
import { Disclosure } from '../ui/Disclosure';
import { Icon } from '../ui/Icon';

interface Props {
  /** What the request carries (the draft's copy of the capture, redacted). */
  context: TicketContext;
  /** The live capture: scope, dropped events, the rules that decided environment and product. */
  capture?: Capture;
  environment?: string;
  product?: string;
  /** Object URL of the first screenshot, when there is one. */
  thumbnail?: string;
  /** Where the request goes, e.g. the portal's host; undefined when not connected. */
  portalName?: string;
  allowState: 'idle' | 'asking' | 'allowed';
  onAllowSite: (origin: string) => void;
}

/**
 * What was captured, at a glance: the page, counts of errors and failed requests (with their
 * request ids), the screenshot, environment and product with the rule that decided, and the
 * portal. The items themselves are listed once, in the composer's "Errors and logs".
 */
export function CaptureSummary(props: Props) {
  const { context, capture } = props;
  const errors = context.events.reduce(
    (sum, event) => sum + event.count,
    capture?.droppedEvents ?? 0,
  );
  const requests = context.failedRequests.length;
  const ids = context.failedRequests.reduce((sum, r) => sum + r.requestIds.length, 0);
  const origin = capture?.origin;
  const scope = capture?.scope ?? context.scope;
  return (
    <section class="card capture-summary" aria-label={t('capture_region')}>
      <div class="capture-summary-page">
        <p class="capture-summary-title" data-testid="page-title">
          {context.title || t('capture_noTitle')}
        </p>
        <p class="capture-summary-url url" data-testid="page-url" title={context.url}>
          {context.url}
        </p>
      </div>
      {props.thumbnail ? (
        <img class="capture-summary-thumb" src={props.thumbnail} alt={t('layout_thumbAlt')} />
      ) : (
        <span class="capture-summary-thumb" title={t('layout_noScreenshot')}>
          <Icon name="image" />
        </span>
      )}
      {scope !== 'unavailable' && (
        <ul class="capture-summary-stats">
          <li class={errors > 0 ? 'badge badge-danger' : 'badge'} data-testid="event-total">
            <Icon name="alert" />
            {plural('capture_errorTotal', errors)}
          </li>
          <li class={requests > 0 ? 'badge badge-warning' : 'badge'}>
            <Icon name="activity" />
            {plural('layout_failedRequests', requests)}
          </li>
          {ids > 0 && <li class="badge badge-info">{plural('layout_requestIds', ids)}</li>}
          {context.redactions > 0 && (
            <li class="badge badge-success" data-testid="redaction-count">
              {plural('capture_redactions', context.redactions)}
            </li>
          )}
        </ul>
      )}
      <dl class="capture-summary-facts">
        <dt>{t('facts_environment')}</dt>
        <dd>
          {props.environment || t('facts_unknown')}
          {capture && (
            <span class="capture-summary-why"> · {ruleMatchText(capture.environment.matched)}</span>
          )}
        </dd>
        <dt>{t('facts_product')}</dt>
        <dd>
          {props.product || t('facts_unknown')}
          {capture && (
            <span class="capture-summary-why"> · {ruleMatchText(capture.product.matched)}</span>
          )}
        </dd>
        <dt>{t('layout_goesTo')}</dt>
        <dd>{props.portalName ?? t('layout_noPortal')}</dd>
      </dl>
      {capture && (
        <div class="capture-summary-scope">
          <Icon name="clock" />
          <span data-scope={capture.scope}>
            {capture.scopeNoteKey ? t(capture.scopeNoteKey) : capture.scopeNote}
          </span>
          {capture.scope === 'from-now' && origin && props.allowState !== 'allowed' && (
            <button
              type="button"
              disabled={props.allowState === 'asking'}
              onClick={() => props.onAllowSite(origin)}
            >
              {t('capture_alwaysCapture')}
            </button>
          )}
          {props.allowState === 'allowed' && <span role="status">{t('capture_allowed')}</span>}
          {capture.droppedEvents > 0 && (
            <span>{plural('capture_dropped', capture.droppedEvents)}</span>
          )}
        </div>
      )}
      {capture && (
        <div class="capture-summary-more">
          <Disclosure
            name="facts"
            icon="info"
            title={t('facts_label')}
            line={[capture.consoleFacts?.product, context.browser].filter(Boolean).join(' · ')}
          >
            <PageFactsList capture={capture} inferred={false} />
          </Disclosure>
        </div>
      )}
    </section>
  );
}
