import { t } from '@/utils/i18n';

interface SendByEmailButtonProps {
  /** The vendor's support address, from the vendor profile. */
  address: string;
  onSend(): void;
}

/** The last resort when the portal refuses the request: an e-mail to the vendor's support. */
export function SendByEmailButton({ address, onSend }: SendByEmailButtonProps) {
  return (
    <>
      <button type="button" onClick={onSend} aria-describedby="send-by-email-hint">
        {t('report_sendByEmail')}
      </button>
      <span id="send-by-email-hint" class="visually-hidden">
        {t('report_sendByEmailHint', [address])}
      </span>
    </>
  );
}
