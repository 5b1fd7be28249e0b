import { t } from '@/utils/i18n';

/** Next to a control the organisation's policy sets: why it cannot be changed here. */
export function ManagedNote({ id }: { id: string }) {
  return (
    <span id={id} class="notice managed-note">
      {t('managed_note')}
    </span>
  );
}
