import type { ErrorInfo } from '@/utils/errors';
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

const PHASES: Record<CaptureProgress['phase'], string> = {
  inspecting: 'Measuring the page',
  rendering: 'Rendering the page',
  stitching: 'Taking screen',
  encoding: 'Compressing',
};

function progressText(progress: CaptureProgress | undefined): string {
  if (!progress) return 'Starting the full-page capture';
  if (progress.phase === 'stitching') {
    return `${PHASES.stitching} ${progress.done + 1} of ${progress.total}`;
  }
  return PHASES[progress.phase];
}

/** The screenshots and files of a request: capture, attach, list, edit. */
export function ScreenshotsSection(props: ScreenshotsState & ScreenshotsEvents) {
  const { items, thumbnails, editing, busy, progress, saveState, error, status } = props;
  return (
    <section class="sc-section" aria-labelledby="sc-heading">
      <h2 id="sc-heading">Screenshots and files</h2>
      <div class="sc-actions">
        <button type="button" onClick={props.onCaptureVisible} disabled={busy === 'full-page'}>
          Add screenshot
        </button>
        <button type="button" onClick={props.onCaptureFullPage} disabled={busy !== 'idle'}>
          Full page
        </button>
        <label class="sc-attach">
          Attach file
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
            aria-label="Full-page capture"
            max={progress?.total || 1}
            value={progress?.phase === 'stitching' ? progress.done : undefined}
          />
          <span>{progressText(progress)}…</span>
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      )}
      {busy === 'visible' && <p class="notice">Taking a screenshot…</p>}
      {error && <ErrorNotice error={error} />}
      <p role="status" class="notice">
        {saveState === 'saving' ? 'Saving…' : saveState === 'saved' ? 'Saved' : (status ?? '')}
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
