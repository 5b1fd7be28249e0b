import { stepRecordingOffItem } from './items';

/** Turns step recording on or off for one origin (the options page's switch). */
export async function setStepRecording(origin: string, record: boolean): Promise<string[]> {
  const normalized = new URL(origin).origin;
  const off = (await stepRecordingOffItem.get()).filter((item) => item !== normalized);
  const next = record ? off : [...off, normalized];
  await stepRecordingOffItem.set(next);
  return next;
}
