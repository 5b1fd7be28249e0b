import { t } from '@/utils/i18n';

interface DownloadReportButtonProps {
  onDownload(): void;
  busy?: boolean;
}

/** The request text and files as one HTML page, for when the portal cannot be reached. */
export function DownloadReportButton({ onDownload, busy = false }: DownloadReportButtonProps) {
  return (
    <>
      <button
        type="button"
        onClick={onDownload}
        disabled={busy}
        aria-describedby="download-report-hint"
      >
        {busy ? t('report_preparing') : t('report_download')}
      </button>
      <span id="download-report-hint" class="visually-hidden">
        {t('report_hint')}
      </span>
    </>
  );
}
