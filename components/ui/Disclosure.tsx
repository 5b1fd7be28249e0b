import type { ComponentChildren } from 'preact';
import { Icon, type IconName } from './Icon';

interface Props {
  /** The section's name, e.g. "Errors and logs". */
  title: string;
  /** What it holds, in one line: "3 errors · 1 failed request". */
  line?: ComponentChildren;
  icon?: IconName;
  /** Opened at first render (the user opens and closes it afterwards). */
  open?: boolean;
  /** Something in it needs the user (a required field, a problem). */
  attention?: boolean;
  children: ComponentChildren;
  /** For tests and the composer's "open where the problem is". */
  name?: string;
}

/**
 * A collapsed section on a native <details>: keyboard (Enter/Space on the summary) and screen
 * readers (expanded/collapsed) come with the element. The summary says what the section holds.
 */
export function Disclosure({ title, line, icon, open, attention, children, name }: Props) {
  return (
    <details
      class={attention ? 'disclosure disclosure-attention' : 'disclosure'}
      open={open}
      data-section={name}
    >
      <summary>
        {icon && <Icon name={icon} class="disclosure-icon" />}
        <span class="disclosure-title">{title}</span>
        {line !== undefined && <span class="disclosure-line">{line}</span>}
        <Icon name="chevron" class="disclosure-chevron" />
      </summary>
      <div class="disclosure-body">{children}</div>
    </details>
  );
}
