import type { ErrorInfo } from '@/utils/errors';
import { type MessageKey, t } from '@/utils/i18n';
import type { AnnotationDoc } from '@/utils/screenshot/annotations';
import type { Screenshot } from '@/utils/screenshot/model';
import type { CaptureProgress } from '@/utils/screenshot/protocol';
import { ErrorNotice } from '../ErrorNotice';
import { ScreenshotEditor } from './ScreenshotEditor';
import { ScreenshotList } from './ScreenshotList';
import './screenshots.css';

export interface ScreenshotsState {
  items: readonly Screenshot[];
  thumbnails: Readonly<Record<string, string>>;
  /** Object URL of the original image being edited. */
  editing?: { item: Screenshot; imageUrl: string };
  busy: 'idle' | 'visible' | 'full-page';
  progress?: CaptureProgress;
  saveState: 'idle' | 'saving' | 'saved';
  error?: ErrorInfo;
  /** Last thing done, read out to screen readers. */
  status?: string;
}

export interface ScreenshotsEvents {
  onCaptureVisible: () => void;
  onCaptureFullPage: () => void;
  onCancel: () => void;
  onAttachFiles: (files: File[]) => void;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
  onAnnotate: (id: string, doc: AnnotationDoc) => void;
  onCloseEditor: () => void;
  onOpenLargeEditor?: (id: string) => void;
}

const PHASES: Record<Exclude<CaptureProgress['phase'], 'stitching'>, MessageKey> = {
  inspecting: 'shots_phaseInspecting',
  rendering: 'shots_phaseRendering',
  encoding: 'shots_phaseEncoding',
};

function progressText(progress: CaptureProgress | undefined): string {
  if (!progress) return t('shots_starting');
  if (progress.phase === 'stitching') {
    return t('shots_phaseStitching', [String(progress.done + 1), String(progress.total)]);
  }
  return t(PHASES[progress.phase]);
}

/** The screenshots and files of a request: capture, attach, list, edit. */
export function ScreenshotsSection(props: ScreenshotsState & ScreenshotsEvents) {
  const { items, thumbnails, editing, busy, progress, saveState, error, status } = props;
  return (
    <section class="sc-section" aria-labelledby="sc-heading">
      <h2 id="sc-heading">{t('shots_heading')}</h2>
      <div class="sc-actions">
        <button type="button" onClick={props.onCaptureVisible} disabled={busy === 'full-page'}>
          {t('shots_add')}
        </button>
        <button type="button" onClick={props.onCaptureFullPage} disabled={busy !== 'idle'}>
          {t('shots_fullPage')}
        </button>
        <label class="sc-attach">
          {t('shots_attach')}
          <input
            type="file"
            multiple
            onChange={(event) => {
              const input = event.currentTarget;
              props.onAttachFiles([...(input.files ?? [])]);
              input.value = '';
            }}
          />
        </label>
      </div>
      {busy === 'full-page' && (
        <div class="sc-progress">
          <progress
            aria-label={t('shots_progress')}
            max={progress?.total || 1}
            value={progress?.phase === 'stitching' ? progress.done : undefined}
          />
          <span>{progressText(progress)}…</span>
          <button type="button" onClick={props.onCancel}>
            {t('common_cancel')}
          </button>
        </div>
      )}
      {busy === 'visible' && <p class="notice">{t('shots_taking')}</p>}
      {error && <ErrorNotice error={error} />}
      <p role="status" class="notice">
        {saveState === 'saving'
          ? t('common_saving')
          : saveState === 'saved'
            ? t('common_saved')
            : (status ?? '')}
      </p>
      <ScreenshotList
        items={items}
        thumbnails={thumbnails}
        onEdit={props.onEdit}
        onRemove={props.onRemove}
      />
      {editing && (
        <ScreenshotEditor
          key={editing.item.id}
          imageUrl={editing.imageUrl}
          width={editing.item.width}
          height={editing.item.height}
          name={editing.item.name}
          initial={editing.item.annotations}
          onChange={(doc) => props.onAnnotate(editing.item.id, doc)}
          onClose={props.onCloseEditor}
          onOpenLarge={
            props.onOpenLargeEditor ? () => props.onOpenLargeEditor?.(editing.item.id) : undefined
          }
        />
      )}
    </section>
  );
}
