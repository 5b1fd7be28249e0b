import type { Screenshot } from '@/utils/screenshot/model';

interface Props {
  items: readonly Screenshot[];
  /** Object URLs of what will be uploaded, by screenshot id. */
  thumbnails: Readonly<Record<string, string>>;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
}

const SOURCE_LABEL: Record<Screenshot['source'], string> = {
  visible: 'Visible area',
  'full-page': 'Full page',
  stitched: 'Full page (joined screens)',
  file: 'File',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Thumbnails of a request's screenshots and the files attached to it. */
export function ScreenshotList({ items, thumbnails, onEdit, onRemove }: Props) {
  if (items.length === 0) return <p class="notice">No screenshots or files yet.</p>;
  return (
    <ul class="sc-list" aria-label="Screenshots and files">
      {items.map((item, index) => {
        const image = item.source !== 'file';
        const label = image ? `Screenshot ${index + 1}` : item.name;
        const thumbnail = thumbnails[item.id];
        return (
          <li key={item.id} data-source={item.source}>
            {image && thumbnail ? (
              <img
                src={thumbnail}
                alt={`${label}: ${SOURCE_LABEL[item.source]}, ${item.width} × ${item.height}`}
              />
            ) : (
              <span class="sc-file" aria-hidden="true">
                {image ? '…' : 'FILE'}
              </span>
            )}
            <div class="sc-meta">
              <span>
                {image ? `${label} · ${SOURCE_LABEL[item.source]}` : item.name} ·{' '}
                {formatBytes(item.uploadBytes)}
                {item.annotations.shapes.some((shape) => shape.kind === 'redact') && ' · redacted'}
              </span>
              {item.note && <span class="notice">{item.note}</span>}
              <span>
                {image && (
                  <button
                    type="button"
                    onClick={() => onEdit(item.id)}
                    aria-label={`Edit ${label}`}
                  >
                    Edit
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => onRemove(item.id)}
                  aria-label={`Remove ${label}`}
                >
                  Remove
                </button>
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
