import { t } from '@/utils/i18n';

export interface EscalationChannel {
  kind: 'chat' | 'phone';
  /** e.g. "Premium support chat" or "+1 555 0100 (24/7)". */
  label: string;
  /** `https:` for chat, `tel:` for phone. */
  href: string;
}

interface EscalationChannelsProps {
  severity: string | undefined;
  issueKey: string;
  channels: readonly EscalationChannel[];
}

const SAFE_HREF = /^(https:|tel:)/;

/** For a P1 on a vendor with premium channels, right after submit. */
export function EscalationChannels({ severity, issueKey, channels }: EscalationChannelsProps) {
  const usable = channels.filter((channel) => SAFE_HREF.test(channel.href));
  if (severity !== 'P1' || usable.length === 0) return null;
  return (
    <section aria-label={t('escalation_label')}>
      <p>{t('escalation_intro', issueKey)}</p>
      <ul>
        {usable.map((channel) => (
          <li key={channel.href}>
            <a
              href={channel.href}
              target={channel.kind === 'chat' ? '_blank' : undefined}
              rel="noreferrer"
            >
              {channel.kind === 'chat'
                ? t('escalation_chat', channel.label)
                : t('escalation_phone', channel.label)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
