import { useEffect, useState } from 'preact/hooks';
import { followEffectiveSettings } from '@/utils/settings/effective';
import type { EffectiveSettings } from '@/utils/settings/merge';

/**
 * The settings in force (utils/settings/), kept current; this page's redaction follows them
 * too, so what it shows and sends is masked as the user and the organisation set.
 */
export function useEffectiveSettings(): EffectiveSettings | undefined {
  const [settings, setSettings] = useState<EffectiveSettings>();
  useEffect(() => followEffectiveSettings(setSettings), []);
  return settings;
}
