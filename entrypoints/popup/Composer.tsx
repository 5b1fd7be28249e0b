import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CaptureSummary } from '@/components/composer/CaptureSummary';
import { DraftStatus } from '@/components/composer/DraftStatus';
import { OffersPanel } from '@/components/composer/OffersPanel';
import { PortalPicker } from '@/components/composer/PortalPicker';
import { StepsControls } from '@/components/composer/StepsControls';
import { TicketForm } from '@/components/composer/TicketForm';
import { ErrorNotice } from '@/components/ErrorNotice';
import { useDraft } from '@/components/hooks/use-draft';
import { useOffers } from '@/components/hooks/use-offers';
import { usePortalForm } from '@/components/hooks/use-portal-form';
import { useScreenshots } from '@/components/hooks/use-screenshots';
import { ScreenshotsSection } from '@/components/screenshot/ScreenshotsSection';
import { Disclosure } from '@/components/ui/Disclosure';
import { Icon } from '@/components/ui/Icon';
import type { Capture } from '@/utils/capture/capture';
import { additionComment, attachmentRefs, buildJobInput } from '@/utils/composer/submit';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { refusedFields } from '@/utils/field-kinds/portal-errors';
import { interleave, plural, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messages/background';
import { initialSteps } from '@/utils/ticket/draft';
import { lazy } from './lazy';
import type { PreviewMode } from './PreviewView';

// Not needed for the first render: loaded with import() (popup first JS budget, sizes.ts).
const MappingTable = lazy(() =>
  import('@/components/composer/MappingTable').then((m) => m.MappingTable),
);
const PreviewView = lazy(() => import('./PreviewView').then((m) => m.PreviewView));
const DeliveryView = lazy(() => import('./DeliveryView').then((m) => m.DeliveryView));

type Stage =
  | { kind: 'edit'; replaces?: string; refusal?: ErrorInfo }
  | { kind: 'preview'; mode: PreviewMode; replaces?: string }
  | { kind: 'added'; issueKey: string; webUrl?: string; attached: number };

/** "Added to SUP-12 with 2 attachments.", the request key linking to the portal when it can. */
function addedText({ issueKey, webUrl, attached }: Extract<Stage, { kind: 'added' }>) {
  const key = webUrl ? (
    <a key="key" href={webUrl} target="_blank" rel="noreferrer">
      {issueKey}
    </a>
  ) : (
    issueKey
  );
  if (attached === 0) return interleave('popup_addedTo', [key]);
  return interleave(attached === 1 ? 'popup_addedToWith_one' : 'popup_addedToWith_other', [
    String(attached),
    key,
  ]);
}

/** Implicit form submission from an input of the screenshot editor would send the request. */
const keepEnterInside = (event: KeyboardEvent) => {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
};

interface ComposerProps {
  tabId: number;
  /** Undefined while the background still collects it. */
  capture?: Capture;
  /** "Always capture on this site": where it stands, and the user's click. */
  allowState: 'idle' | 'asking' | 'allowed';
  onAllowSite: (origin: string) => void;
}

/**
 * The composer's wiring (loaded right after the popup's shell): the draft of the captured tab,
 * the portal, screenshots, the preview and the delivery.
 */
export function Composer({ tabId, capture, allowState, onAllowSite }: ComposerProps) {
  const drafts = useDraft(tabId, capture);
  const { draft, update } = drafts;
  // Screenshots: the visible area is taken once the form has its draft, so its encoding does
  // not hold up the form's first paint; the thumbnail follows when it is ready.
  const screenshots = useScreenshots(tabId, {
    autoCapture: draft !== undefined,
    largeEditor: true,
  });
  const portal = usePortalForm(draft, update, drafts.adjust);
  const connected = portal.state === 'ready';
  const offers = useOffers(connected, draft);
  const [stage, setStage] = useState<Stage>({ kind: 'edit' });
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ErrorInfo>();

  // Fetch the later stages' code once the form is up, so the preview opens at once.
  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => {
      void PreviewView.preload();
      if (portal.fields) void MappingTable.preload();
    }, 200);
    return () => clearTimeout(timer);
  }, [draft !== undefined, portal.fields !== undefined]);

  // Each stage starts at its top: the popup's body keeps its scroll otherwise.
  const stageKey = drafts.jobId && stage.kind === 'edit' ? 'delivery' : stage.kind;
  useEffect(() => {
    document.querySelector('.popup-body')?.scrollTo(0, 0);
  }, [stageKey]);

  const attachments = attachmentRefs(screenshots.items);
  const searchPeople = (query: string) =>
    sendMessage('findPeople', { query }).then((found) => found.people);
  const preview = (mode: PreviewMode, replaces?: string) => {
    setSendError(undefined);
    setStage({ kind: 'preview', mode, replaces });
  };

  const confirm = async () => {
    if (!draft || stage.kind !== 'preview') return;
    setSending(true);
    setSendError(undefined);
    try {
      if (stage.mode.kind === 'add') {
        const { issueKey } = stage.mode;
        const result = await sendMessage('addToRequest', {
          issueKey,
          comment: additionComment(draft),
          files: attachments.map((a) => ({ blobId: a.blobId, name: a.name })),
        });
        await drafts.finish();
        setStage({ kind: 'added', ...result });
      } else {
        const job = buildJobInput(
          draft,
          {
            portalUrl: portal.connection?.portalUrl ?? '',
            serviceDeskId: portal.serviceDeskId ?? '',
            requestTypeId: portal.requestTypeId ?? '',
            fields: portal.fields ?? [],
          },
          attachments,
        );
        const view = await sendMessage('submitJob', { job, replaces: stage.replaces });
        await drafts.markSent(view.id);
        setStage({ kind: 'edit' });
      }
    } catch (cause) {
      setSendError(AppError.from(cause).info);
    } finally {
      setSending(false);
    }
  };

  let body = null;
  if (drafts.jobId && stage.kind === 'edit' && !stage.replaces) {
    const jobId = drafts.jobId;
    body = (
      <DeliveryView
        jobId={jobId}
        portalUrl={portal.connection?.portalUrl}
        onEdit={(refusal) => setStage({ kind: 'edit', replaces: jobId, refusal })}
        onNewReport={() => void drafts.discard()}
        onDelivered={() => void drafts.finish()}
        severity={draft?.severity}
        escalation={portal.escalation}
        supportEmail={portal.supportEmail}
        canAddParticipants={portal.canAddRequestParticipants}
      />
    );
  } else if (stage.kind === 'added') {
    body = (
      <section class="stage-content delivery-stage" aria-label={t('popup_addedRegion')}>
        <p role="status" class="delivery-done">
          <Icon name="check" />
          <span>{addedText(stage)}</span>
        </p>
        <div class="stage-footer">
          <span class="stage-footer-status" />
          <button
            type="button"
            class="btn-primary btn-lg"
            onClick={() => {
              setStage({ kind: 'edit' });
              void drafts.discard();
            }}
          >
            {t('popup_newReport')}
          </button>
        </div>
      </section>
    );
  } else if (draft && stage.kind === 'preview') {
    body = (
      <PreviewView
        draft={draft}
        attachments={attachments}
        mode={stage.mode}
        fields={portal.fields}
        connected={connected}
        portalName={portal.portalName}
        sending={sending}
        error={sendError}
        onConfirm={() => void confirm()}
        onBack={() => setStage({ kind: 'edit', replaces: stage.replaces })}
      />
    );
  } else if (draft) {
    const replaces = stage.kind === 'edit' ? stage.replaces : undefined;
    const recorded = drafts.recorded;
    const picker = (
      <PortalPicker
        state={portal.state}
        portalName={portal.portalName}
        desks={portal.desks}
        requestTypes={portal.requestTypes}
        serviceDeskId={portal.serviceDeskId}
        requestTypeId={portal.requestTypeId}
        locked={portal.requestTypeLocked}
        loadingFields={portal.loadingFields}
        error={portal.error}
        optionsUrl={browser.runtime.getURL('/options.html')}
        onServiceDesk={portal.chooseDesk}
        onRequestType={portal.chooseType}
      />
    );
    const first = screenshots.items.find((item) => item.source !== 'file');
    const pickerInSight = portal.state === 'not-connected' || portal.state === 'error';
    body = (
      <TicketForm
        draft={draft}
        fields={portal.fields}
        definitions={portal.definitions}
        // Submitting waits for the request type's form: its required fields are checked first.
        submitting={connected && portal.fields === undefined}
        onChange={update}
        onSubmit={() => preview({ kind: 'new' }, replaces)}
        // Not connected (or failing), the picker says why and links to the options: in sight.
        header={pickerInSight ? undefined : picker}
        files={attachments}
        searchPeople={searchPeople}
        portalFormUrl={portal.portalFormUrl}
        refusedFields={
          stage.kind === 'edit' ? refusedFields(stage.refusal, portal.fields ?? []) : undefined
        }
        top={
          <>
            {drafts.restored && <p class="composer-restored">{t('draft_restored')}</p>}
            {drafts.saveError && <ErrorNotice error={drafts.saveError} />}
            {pickerInSight && picker}
            <CaptureSummary
              context={draft.context}
              capture={capture}
              environment={draft.environment}
              product={draft.product}
              thumbnail={first ? screenshots.thumbnails[first.id] : undefined}
              portalName={connected ? portal.portalName : undefined}
              allowState={allowState}
              onAllowSite={onAllowSite}
            />
          </>
        }
        portalExtra={
          portal.fields && (
            <MappingTable
              draft={draft}
              fields={portal.fields}
              onChange={(mappingOverrides) => update({ ...draft, mappingOverrides })}
              onSave={(overrides) => void portal.saveMapping(overrides)}
              status={portal.mappingStatus}
            />
          )
        }
        stepsControls={
          <StepsControls
            recordedSteps={recorded?.steps.length ?? 0}
            unavailableNote={capture?.scope === 'always-on' ? undefined : t('popup_stepsWhere')}
            onUse={() =>
              update({
                ...draft,
                steps: initialSteps(draft.context.url, draft.context.capturedAt, recorded?.text),
              })
            }
            onClear={() => update({ ...draft, steps: '' })}
          />
        }
      >
        <Disclosure
          name="files"
          icon="paperclip"
          title={t('shots_heading')}
          line={plural('layout_filesLine', screenshots.items.length)}
        >
          {/* biome-ignore lint/a11y/noStaticElementInteractions: only stops implicit form submission. */}
          <div onKeyDown={keepEnterInside}>
            {tabId !== undefined && <ScreenshotsSection {...screenshots} />}
          </div>
        </Disclosure>
        {/* Offers (similar requests, articles) have their own place below the sections. */}
        <div class="composer-offers-slot">
          <OffersPanel
            offers={offers.offers}
            state={offers.state}
            canSearch={offers.canSearch}
            onFind={offers.find}
            busy={sending}
            onAddTo={(issueKey) => preview({ kind: 'add', issueKey })}
          />
        </div>
        {replaces && <p class="notice">{t('popup_replacesRefused')}</p>}
        <DraftStatus saveState={drafts.saveState} onDiscard={() => void drafts.discard()} />
      </TicketForm>
    );
  }

  return body;
}
