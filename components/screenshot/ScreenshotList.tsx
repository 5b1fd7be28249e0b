import { formatBytes } from '@/utils/format';
import { type MessageKey, say, t } from '@/utils/i18n';
import type { Screenshot } from '@/utils/screenshot/model';

interface Props {
  items: readonly Screenshot[];
  /** Object URLs of what will be uploaded, by screenshot id. */
  thumbnails: Readonly<Record<string, string>>;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
}

const SOURCE_LABEL: Record<Screenshot['source'], MessageKey> = {
  visible: 'shots_sourceVisible',
  'full-page': 'shots_sourceFullPage',
  stitched: 'shots_sourceStitched',
  file: 'shots_sourceFile',
};

/** Thumbnails of a request's screenshots and the files attached to it. */
export function ScreenshotList({ items, thumbnails, onEdit, onRemove }: Props) {
  if (items.length === 0) return <p class="notice">{t('shots_none')}</p>;
  return (
    <ul class="sc-list" aria-label={t('shots_heading')}>
      {items.map((item, index) => {
        const image = item.source !== 'file';
        const label = image ? t('shots_item', String(index + 1)) : item.name;
        const source = t(SOURCE_LABEL[item.source]);
        const thumbnail = thumbnails[item.id];
        return (
          <li key={item.id} data-source={item.source}>
            {image && thumbnail ? (
              <img src={thumbnail} alt={`${label}: ${source}, ${item.width} × ${item.height}`} />
            ) : (
              <span class="sc-file" aria-hidden="true">
                {image ? '…' : t('shots_fileIcon')}
              </span>
            )}
            <div class="sc-meta">
              <span>
                {image ? `${label} · ${source}` : item.name} · {formatBytes(item.uploadBytes)}
                {item.annotations.shapes.some((shape) => shape.kind === 'redact') &&
                  ` · ${t('shots_redacted')}`}
              </span>
              {(item.noteWords?.length || item.note) && (
                <span class="notice">
                  {item.noteWords?.length
                    ? item.noteWords.map((words) => say(words)).join(' ')
                    : item.note}
                </span>
              )}
              <span>
                {image && (
                  <button
                    type="button"
                    onClick={() => onEdit(item.id)}
                    aria-label={t('common_editNamed', label)}
                  >
                    {t('common_edit')}
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => onRemove(item.id)}
                  aria-label={t('common_removeNamed', label)}
                >
                  {t('common_remove')}
                </button>
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
