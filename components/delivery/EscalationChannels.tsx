export interface EscalationChannel {
  kind: 'chat' | 'phone';
  /** e.g. "Premium support chat" or "+1 555 0100 (24/7)". */
  label: string;
  /** `https:` for chat, `tel:` for phone. */
  href: string;
}

export interface EscalationChannelsProps {
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
    <section aria-label="Escalate this P1">
      <p>
        Escalation begins now that {issueKey} is logged. For a P1, also reach the vendor directly
        and quote {issueKey}:
      </p>
      <ul>
        {usable.map((channel) => (
          <li key={channel.href}>
            <a
              href={channel.href}
              target={channel.kind === 'chat' ? '_blank' : undefined}
              rel="noreferrer"
            >
              {channel.kind === 'chat' ? 'Chat: ' : 'Phone: '}
              {channel.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
