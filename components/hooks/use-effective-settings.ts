import { useEffect, useState } from 'preact/hooks';
import { getEffectiveSettings, watchEffectiveSettings } from '@/utils/profile/active';
import type { EffectiveSettings } from '@/utils/profile/merge';

/** The settings in force (the organisation's policy merged with the user's), kept current. */
export function useEffectiveSettings(): EffectiveSettings | undefined {
  const [settings, setSettings] = useState<EffectiveSettings>();
  useEffect(() => {
    void getEffectiveSettings().then(setSettings);
    return watchEffectiveSettings(setSettings);
  }, []);
  return settings;
}
