export interface DownloadReportButtonProps {
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
        {busy ? 'Preparing the report…' : 'Download report'}
      </button>
      <span id="download-report-hint" class="visually-hidden">
        One HTML file with the request text and its attachments.
      </span>
    </>
  );
}
