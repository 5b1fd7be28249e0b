/**
 * The preview stage (loaded on demand): exactly what will be sent and who will see it; the
 * user confirms here and only then does anything leave the machine.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { PreviewPanel } from '@/components/composer/PreviewPanel';
import { DownloadReportButton } from '@/components/delivery/DownloadReportButton';
import { ErrorNotice } from '@/components/ErrorNotice';
import { additionComment } from '@/utils/composer/submit';
import { AppError, type ErrorInfo } from '@/utils/errors';
import { t } from '@/utils/i18n';
import type { AttachmentRef } from '@/utils/outbox/job';
import type { Draft } from '@/utils/ticket/draft';
import type { PortalFieldMeta } from '@/utils/ticket/portal-fields';
import { buildPreview } from '@/utils/ticket/preview';

export type PreviewMode = { kind: 'new' } | { kind: 'add'; issueKey: string };

interface PreviewViewProps {
  draft: Draft;
  attachments: readonly AttachmentRef[];
  mode: PreviewMode;
  /** The request type's fields: every value sent is listed by the field's name. */
  fields?: readonly PortalFieldMeta[];
  connected: boolean;
  portalName?: string;
  sending: boolean;
  error?: ErrorInfo;
  onConfirm: () => void;
  onBack: () => void;
}

export function PreviewView(props: PreviewViewProps) {
  const { draft, mode } = props;
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<ErrorInfo>();
  // Keyboard and screen-reader users land on what will be sent, not at the page's top.
  const start = useRef<HTMLDivElement>(null);
  useEffect(() => start.current?.focus(), []);
  const preview = buildPreview({
    draft,
    attachments: props.attachments.map((a) => ({ name: a.name, size: a.size, type: a.type })),
    portalName: props.portalName,
    fields: mode.kind === 'new' ? props.fields : undefined,
    files: props.attachments.map((a) => ({ blobId: a.blobId, name: a.name })),
  });
  if (mode.kind === 'add') {
    preview.description = additionComment(draft);
    preview.summary = t('preview_addSummary', mode.issueKey);
  }
  const download = async () => {
    setDownloading(true);
    try {
      const { downloadOfflineReport } = await import('./offline-report');
      await downloadOfflineReport(draft, props.attachments);
    } catch (cause) {
      setDownloadError(AppError.from(cause).info);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div ref={start} tabIndex={-1} class="stage-content composer-stage">
      {mode.kind === 'add' && <p class="notice">{t('preview_addInstead', mode.issueKey)}</p>}
      <PreviewPanel
        preview={preview}
        sending={props.sending}
        onConfirm={props.connected ? props.onConfirm : undefined}
        onBack={props.onBack}
      />
      {props.error && <ErrorNotice error={props.error} />}
      {!props.connected && (
        <p>
          {t('preview_notConnected')}{' '}
          <DownloadReportButton onDownload={() => void download()} busy={downloading} />
        </p>
      )}
      {downloadError && <ErrorNotice error={downloadError} />}
    </div>
  );
}
